// Dear ImGui's vertices: position in display pixels, texture coordinate, colour (premultiplied by nothing).
// Embedded at build time (cmake/EmbedFiles.cmake); "#version 300 es" is prefixed at run time.
precision highp float;

layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_texture_coordinate;
layout(location = 2) in vec4 a_color;

uniform mat4 u_projection;  // display pixels to clip space

out vec2 v_texture_coordinate;
out vec4 v_color;

void main() {
    v_texture_coordinate = a_texture_coordinate;
    v_color = a_color;
    gl_Position = u_projection * vec4(a_position, 0.0, 1.0);
}
