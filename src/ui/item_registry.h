// The items Dear ImGui drew in the last frame, with the app's semantic tags: what the browser tests'
// items() hook returns (the contract is tests/browser/HOOKS.md). Fed by Dear ImGui's test-engine hooks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace roadbook::ui {

struct RegisteredItem {
    unsigned int id = 0;
    std::string label;  // without any "##" suffix
    std::string tag;    // semantic name such as "opp.name"; empty when the app gave none
    float x = 0, y = 0, width = 0, height = 0;  // in CSS pixels of the canvas
    bool visible = false;
};

// Starts collecting for a new frame (the previous frame's items stay readable until FinishFrame()).
void BeginItemFrame();
// Publishes the items collected since BeginItemFrame() as "the last frame".
void FinishItemFrame();
// Gives the item submitted just before this call a semantic tag. Items without an id (plain text such as
// a validation message) are registered under the tag with `label` as their text, so tests can find them.
void TagLastItem(std::string_view tag, std::string_view label = {});

// Tags the window being built (a dialog, a panel) with its whole rectangle.
void TagCurrentWindow(std::string_view tag);

const std::vector<RegisteredItem>& LastFrameItems();
// The last frame's items as a JSON array of {id, label, tag, x, y, w, h, visible}.
std::string LastFrameItemsJson(float offset_x, float offset_y);

// Finds a tagged item of the last frame; nullptr when absent.
const RegisteredItem* FindTaggedItem(std::string_view tag);

}  // namespace roadbook::ui
