// The browser frame loop shared by the input and test-hook files: frames are drawn on demand (input,
// resize, data change, animation), so an idle tab draws nothing.
#pragma once

#include <cstdint>
#include <vector>

namespace roadbook {
class App;
}

namespace roadbook::web {

// Asks for at least `count` more frames, drawn on the next animation frames.
void RequestFrames(int count);
// The canvas may have a new CSS size or the display a new pixel ratio: re-read both before the next frame.
void NoteResize();
// Draws one frame now, inside the current event handler: used for pointer and key events so that a
// tap can focus the text field in the same user gesture and a copy reaches the clipboard event.
void DrawFrameNow();
uint64_t FramesDrawn();
bool WantsTextInput();
// The running app, or nullptr before it started.
App* CurrentApp();
// CPU milliseconds of every frame drawn since the list was last cleared (benchmarks clear it).
std::vector<double>& FrameCpuMilliseconds();
// The UI-building part of the same frames (NewFrame to Render), to tell it from the GL submission.
std::vector<double>& UiCpuMilliseconds();

}  // namespace roadbook::web
