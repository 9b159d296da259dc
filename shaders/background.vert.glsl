// Full-screen triangle without vertex buffers: the three corners come from gl_VertexID.
// Embedded at build time (cmake/EmbedFiles.cmake); "#version 300 es" is prefixed at run time.
out vec2 v_position;  // 0..1 across the screen, y up

void main() {
    vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    v_position = corner;
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
