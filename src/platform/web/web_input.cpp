// Entry points roadbook_web.js calls with browser events, feeding Dear ImGui 1.90's input queue.
// Pointer and key presses draw a frame at once (see web_frame_loop.h for why).
#include <emscripten.h>
#include <imgui.h>

#include <cfloat>

#include "platform/web/web_frame_loop.h"
#include "platform/web/web_keys.h"

namespace {

// Enough frames for Dear ImGui to settle hover and active states after an event.
constexpr int kFramesAfterInput = 3;

enum PointerKind { kMouse = 0, kTouch = 1, kPen = 2 };

ImGuiMouseSource SourceFor(int pointer_kind) {
    switch (pointer_kind) {
        case kTouch: return ImGuiMouseSource_TouchScreen;
        case kPen: return ImGuiMouseSource_Pen;
        default: return ImGuiMouseSource_Mouse;
    }
}

int ImGuiButtonFor(int dom_button) {
    switch (dom_button) {
        case 1: return ImGuiMouseButton_Middle;
        case 2: return ImGuiMouseButton_Right;
        default: return ImGuiMouseButton_Left;
    }
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void roadbook_on_pointer_move(float x, float y, int pointer_kind) {
    if (!ImGui::GetCurrentContext()) return;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(SourceFor(pointer_kind));
    io.AddMousePosEvent(x, y);
    roadbook::web::RequestFrames(kFramesAfterInput);
}

// Returns 1 when a text field is active after the press, so the caller focuses the text agent while
// still inside the user gesture (what opens phone keyboards).
EMSCRIPTEN_KEEPALIVE int roadbook_on_pointer_button(float x, float y, int dom_button, int down, int pointer_kind) {
    if (!ImGui::GetCurrentContext()) return 0;
    ImGuiIO& io = ImGui::GetIO();
    // The position comes first in the same frame, so a finger's first tap acts where the finger is.
    io.AddMouseSourceEvent(SourceFor(pointer_kind));
    io.AddMousePosEvent(x, y);
    io.AddMouseButtonEvent(ImGuiButtonFor(dom_button), down != 0);
    // Two frames: the first applies the press (a text field becomes active), the second publishes
    // io.WantTextInput, which Dear ImGui computes at the start of a frame.
    roadbook::web::DrawFrameNow();
    roadbook::web::DrawFrameNow();
    if (!down && pointer_kind == kTouch) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // no hover after a lifted finger
    roadbook::web::RequestFrames(kFramesAfterInput);
    return roadbook::web::WantsTextInput() ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void roadbook_on_wheel(float delta_x, float delta_y) {
    if (!ImGui::GetCurrentContext()) return;
    ImGui::GetIO().AddMouseWheelEvent(delta_x, delta_y);
    roadbook::web::RequestFrames(kFramesAfterInput);
}

// Returns 1 when Dear ImGui used the key, so the browser's default action should be prevented.
EMSCRIPTEN_KEEPALIVE int roadbook_on_key(const char* key, const char* code, int down, int modifiers) {
    if (!ImGui::GetCurrentContext()) return 0;
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, (modifiers & 1) != 0);
    io.AddKeyEvent(ImGuiMod_Shift, (modifiers & 2) != 0);
    io.AddKeyEvent(ImGuiMod_Alt, (modifiers & 4) != 0);
    io.AddKeyEvent(ImGuiMod_Super, (modifiers & 8) != 0);
    const ImGuiKey imgui_key = roadbook::web::KeyFromDom(key, code);
    if (imgui_key != ImGuiKey_None) io.AddKeyEvent(imgui_key, down != 0);
    if (down) roadbook::web::DrawFrameNow();  // so Ctrl+C reaches the clipboard inside the copy event
    roadbook::web::RequestFrames(kFramesAfterInput);
    return imgui_key != ImGuiKey_None && (io.WantCaptureKeyboard || io.WantTextInput) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void roadbook_on_text(const char* utf8) {
    if (!ImGui::GetCurrentContext()) return;
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    roadbook::web::RequestFrames(kFramesAfterInput);
}

EMSCRIPTEN_KEEPALIVE void roadbook_on_focus(int focused) {
    if (!ImGui::GetCurrentContext()) return;
    ImGui::GetIO().AddFocusEvent(focused != 0);
    roadbook::web::RequestFrames(kFramesAfterInput);
}

EMSCRIPTEN_KEEPALIVE void roadbook_on_resize() {
    roadbook::web::NoteResize();
    roadbook::web::RequestFrames(kFramesAfterInput);
}

}  // extern "C"
