// The page behind the panels: the theme's background with a faint accent glow at the top, dithered so the
// gentle gradient does not band on 8-bit displays.
precision mediump float;

in vec2 v_position;
uniform vec3 u_top_color;
uniform vec3 u_bottom_color;
out vec4 fragment_color;

// Interleaved gradient noise (Jimenez 2014): one grey level of ordered noise per pixel.
float Dither(vec2 pixel) {
    return fract(52.9829189 * fract(dot(pixel, vec2(0.06711056, 0.00583715)))) / 255.0 - 0.5 / 255.0;
}

void main() {
    float towards_bottom = smoothstep(0.0, 0.55, 1.0 - v_position.y);
    vec3 color = mix(u_top_color, u_bottom_color, towards_bottom);
    fragment_color = vec4(color + Dither(gl_FragCoord.xy), 1.0);
}
