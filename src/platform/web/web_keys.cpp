// DOM key names to ImGuiKey. Letters and digits come from `key` (the layout), everything else from
// `code`, so Shift+1 is still ImGuiKey_1 and the numpad stays distinct.
#include "platform/web/web_keys.h"

#include <cstring>

namespace roadbook::web {
namespace {

struct NamedKey {
    const char* code;
    ImGuiKey key;
};

constexpr NamedKey kNamedKeys[] = {
    {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End},
    {"Insert", ImGuiKey_Insert}, {"Delete", ImGuiKey_Delete}, {"Backspace", ImGuiKey_Backspace},
    {"Space", ImGuiKey_Space}, {"Enter", ImGuiKey_Enter}, {"Escape", ImGuiKey_Escape},
    {"Quote", ImGuiKey_Apostrophe}, {"Comma", ImGuiKey_Comma}, {"Minus", ImGuiKey_Minus},
    {"Period", ImGuiKey_Period}, {"Slash", ImGuiKey_Slash}, {"Semicolon", ImGuiKey_Semicolon},
    {"Equal", ImGuiKey_Equal}, {"BracketLeft", ImGuiKey_LeftBracket}, {"Backslash", ImGuiKey_Backslash},
    {"BracketRight", ImGuiKey_RightBracket}, {"Backquote", ImGuiKey_GraveAccent},
    {"CapsLock", ImGuiKey_CapsLock}, {"ScrollLock", ImGuiKey_ScrollLock}, {"NumLock", ImGuiKey_NumLock},
    {"PrintScreen", ImGuiKey_PrintScreen}, {"Pause", ImGuiKey_Pause},
    {"Numpad0", ImGuiKey_Keypad0}, {"Numpad1", ImGuiKey_Keypad1}, {"Numpad2", ImGuiKey_Keypad2},
    {"Numpad3", ImGuiKey_Keypad3}, {"Numpad4", ImGuiKey_Keypad4}, {"Numpad5", ImGuiKey_Keypad5},
    {"Numpad6", ImGuiKey_Keypad6}, {"Numpad7", ImGuiKey_Keypad7}, {"Numpad8", ImGuiKey_Keypad8},
    {"Numpad9", ImGuiKey_Keypad9}, {"NumpadDecimal", ImGuiKey_KeypadDecimal},
    {"NumpadDivide", ImGuiKey_KeypadDivide}, {"NumpadMultiply", ImGuiKey_KeypadMultiply},
    {"NumpadSubtract", ImGuiKey_KeypadSubtract}, {"NumpadAdd", ImGuiKey_KeypadAdd},
    {"NumpadEnter", ImGuiKey_KeypadEnter}, {"NumpadEqual", ImGuiKey_KeypadEqual},
    {"ShiftLeft", ImGuiKey_LeftShift}, {"ControlLeft", ImGuiKey_LeftCtrl}, {"AltLeft", ImGuiKey_LeftAlt},
    {"MetaLeft", ImGuiKey_LeftSuper}, {"ShiftRight", ImGuiKey_RightShift}, {"ControlRight", ImGuiKey_RightCtrl},
    {"AltRight", ImGuiKey_RightAlt}, {"MetaRight", ImGuiKey_RightSuper}, {"ContextMenu", ImGuiKey_Menu},
    {"F1", ImGuiKey_F1}, {"F2", ImGuiKey_F2}, {"F3", ImGuiKey_F3}, {"F4", ImGuiKey_F4}, {"F5", ImGuiKey_F5},
    {"F6", ImGuiKey_F6}, {"F7", ImGuiKey_F7}, {"F8", ImGuiKey_F8}, {"F9", ImGuiKey_F9}, {"F10", ImGuiKey_F10},
    {"F11", ImGuiKey_F11}, {"F12", ImGuiKey_F12},
};

}  // namespace

ImGuiKey KeyFromDom(const char* key, const char* code) {
    if (key != nullptr && key[0] != '\0' && key[1] == '\0') {
        const char character = key[0];
        if (character >= 'a' && character <= 'z') return ImGuiKey(ImGuiKey_A + (character - 'a'));
        if (character >= 'A' && character <= 'Z') return ImGuiKey(ImGuiKey_A + (character - 'A'));
    }
    if (code == nullptr) return ImGuiKey_None;
    if (std::strncmp(code, "Digit", 5) == 0 && code[5] >= '0' && code[5] <= '9' && code[6] == '\0') {
        return ImGuiKey(ImGuiKey_0 + (code[5] - '0'));
    }
    if (std::strncmp(code, "Key", 3) == 0 && code[3] >= 'A' && code[3] <= 'Z' && code[4] == '\0') {
        return ImGuiKey(ImGuiKey_A + (code[3] - 'A'));  // non-Latin layouts: fall back to the physical key
    }
    for (const NamedKey& named : kNamedKeys) {
        if (std::strcmp(named.code, code) == 0) return named.key;
    }
    return ImGuiKey_None;
}

}  // namespace roadbook::web
