// Dear ImGui's pixels: the vertex colour times the bound texture (the font atlas, whose white pixel draws
// plain shapes). Embedded at build time; "#version 300 es" is prefixed at run time.
precision mediump float;

uniform sampler2D u_texture;

in vec2 v_texture_coordinate;
in vec4 v_color;

layout(location = 0) out vec4 out_color;

void main() {
    out_color = v_color * texture(u_texture, v_texture_coordinate);
}
