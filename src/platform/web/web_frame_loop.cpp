// main() for the browser: WebGL2 context, Dear ImGui with Roadbook's own renderer, fonts at the device
// pixel ratio, the app, and the on-demand frame loop driven by requestAnimationFrame in roadbook_web.js.
#include "platform/web/web_frame_loop.h"

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/app.h"
#include "platform/platform.h"
#include "platform/web/web_background.h"
#include "platform/web/web_imgui_renderer.h"
#include "platform/web/web_shell.h"
#include "platform/web/web_storage.h"
#include "platform/web/web_sync.h"
#include "ui/fonts.h"
#include "ui/theme.h"

extern "C" {
// roadbook_web.js
void roadbook_web_install(int test_mode);
void roadbook_web_request_animation_frame();
void roadbook_web_signal_ready();
void roadbook_web_fatal(const char* message);
void roadbook_web_set_text_input(int active, float x, float y, float height);
int roadbook_web_font_size(int index);
void roadbook_web_copy_font(int index, uint8_t* destination);
int roadbook_web_prefers_dark();
int roadbook_web_test_mode();
const char* roadbook_web_clipboard_fallback();
void roadbook_web_set_clipboard(const char* text);
void roadbook_web_storage_failed(const char* message);
void roadbook_web_storage_app_started();
void roadbook_web_url_parameter(const char* name, char* out, int size);
}

namespace roadbook::web {
namespace {

constexpr const char* kCanvas = "#canvas";

struct WebApp {
    std::unique_ptr<App> app;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    double css_width = 0, css_height = 0;
    double pixel_ratio = 0;
    bool size_may_have_changed = true;  // set by resize events; reading the CSS size forces a layout
    int frames_to_draw = 2;
    uint64_t frames_drawn = 0;
    double last_frame_seconds = 0;
    bool text_input_active = false;
    ImVec2 caret_position = ImVec2(0, 0);  // from Dear ImGui's IME callback, in CSS pixels
    float caret_line_height = 16.0f;
    std::vector<uint8_t> font_bytes[3];
    std::vector<double> frame_cpu_ms;  // CPU time of each frame since the last reset, for benchmarks
    std::vector<double> ui_cpu_ms;     // the part spent building the UI (NewFrame to Render)
};

WebApp& State() {
    static WebApp state;
    return state;
}

void LoadFontFiles() {
    WebApp& state = State();
    for (int index = 0; index < 3; ++index) {
        const int size = roadbook_web_font_size(index);
        state.font_bytes[index].resize(size_t(std::max(size, 0)));
        if (size > 0) roadbook_web_copy_font(index, state.font_bytes[index].data());
    }
}

void RebuildFonts(float pixel_ratio) {
    WebApp& state = State();
    ui::FontFiles files;
    const auto file = [&](int index, const uint8_t*& data, size_t& size) {
        data = state.font_bytes[index].empty() ? nullptr : state.font_bytes[index].data();
        size = state.font_bytes[index].size();
    };
    file(0, files.regular, files.regular_size);
    file(1, files.medium, files.medium_size);
    file(2, files.icons, files.icons_size);
    ui::BuildFonts(files, pixel_ratio);
    UploadFontTexture();
}

// Backing store = CSS size x devicePixelRatio, re-read after every resize, zoom or move to another screen
// (roadbook_web.js reports those through a ResizeObserver and a devicePixelRatio media query).
void SyncCanvasSize() {
    WebApp& state = State();
    if (!state.size_may_have_changed) return;
    state.size_may_have_changed = false;
    double css_width = 0, css_height = 0;
    emscripten_get_element_css_size(kCanvas, &css_width, &css_height);
    const double ratio = std::max(0.5, emscripten_get_device_pixel_ratio());
    if (css_width != state.css_width || css_height != state.css_height || ratio != state.pixel_ratio) {
        emscripten_set_canvas_element_size(kCanvas, int(std::lround(css_width * ratio)),
                                           int(std::lround(css_height * ratio)));
        if (ratio != state.pixel_ratio) RebuildFonts(float(ratio));
        state.css_width = css_width;
        state.css_height = css_height;
        state.pixel_ratio = ratio;
    }
}

void UpdateTextInput() {
    WebApp& state = State();
    const ImGuiIO& io = ImGui::GetIO();
    const bool wants = io.WantTextInput;
    if (wants == state.text_input_active && !wants) return;
    state.text_input_active = wants;
    roadbook_web_set_text_input(wants ? 1 : 0, state.caret_position.x, state.caret_position.y,
                                state.caret_line_height);
}

void DrawFrame() {
    WebApp& state = State();
    const double started = platform::MonotonicSeconds();
    SyncCanvasSize();
    ImGuiIO& io = ImGui::GetIO();
    const double now = platform::MonotonicSeconds();
    io.DeltaTime = state.last_frame_seconds > 0 ? float(std::max(1e-4, now - state.last_frame_seconds)) : 1.0f / 60;
    state.last_frame_seconds = now;
    io.DisplaySize = ImVec2(float(state.css_width), float(state.css_height));
    io.DisplayFramebufferScale = ImVec2(float(state.pixel_ratio), float(state.pixel_ratio));

    // Input to draw data, the workspace's frame budget: applying the input, the app's frame, the draw lists.
    const double ui_started = platform::MonotonicSeconds();
    ImGui::NewFrame();
    state.app->Frame(now);
    ImGui::Render();
    const double ui_finished = platform::MonotonicSeconds();

    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glViewport(0, 0, int(std::lround(state.css_width * state.pixel_ratio)),
               int(std::lround(state.css_height * state.pixel_ratio)));
    // The background triangle covers every pixel, so the clear is only needed when it is unavailable.
    if (!DrawBackground(ui::CurrentPalette().background_glow, ui::CurrentPalette().background)) {
        glClearColor(clear.x, clear.y, clear.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    RenderImGuiDrawData(*ImGui::GetDrawData());

    UpdateTextInput();
    // Input to draw data plus the GL calls that submit it; the GPU's own time is not on this thread.
    if (state.frame_cpu_ms.size() < 100000) {
        state.frame_cpu_ms.push_back((platform::MonotonicSeconds() - started) * 1000.0);
        state.ui_cpu_ms.push_back((ui_finished - ui_started) * 1000.0);
    }
    if (++state.frames_drawn == 2) roadbook_web_signal_ready();  // the first frame only lays out windows
}

void SetImeData(ImGuiViewport*, ImGuiPlatformImeData* data) {
    State().caret_position = data->InputPos;
    State().caret_line_height = data->InputLineHeight;
}

const char* GetClipboard(void*) { return roadbook_web_clipboard_fallback(); }
void SetClipboard(void*, const char* text) { roadbook_web_set_clipboard(text); }

bool CreateContext() {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.minorVersion = 0;
    attributes.alpha = false;
    attributes.depth = false;
    attributes.stencil = false;
    attributes.antialias = false;  // Dear ImGui anti-aliases its own shapes
    attributes.preserveDrawingBuffer = false;
    State().gl = emscripten_webgl_create_context(kCanvas, &attributes);
    if (State().gl <= 0) return false;
    emscripten_webgl_make_context_current(State().gl);
    return true;
}

}  // namespace

void NoteResize() { State().size_may_have_changed = true; }

void RequestFrames(int count) {
    WebApp& state = State();
    state.frames_to_draw = std::max(state.frames_to_draw, count);
    roadbook_web_request_animation_frame();
}

void DrawFrameNow() {
    if (State().app) DrawFrame();
}

uint64_t FramesDrawn() { return State().frames_drawn; }
App* CurrentApp() { return State().app.get(); }
std::vector<double>& FrameCpuMilliseconds() { return State().frame_cpu_ms; }
std::vector<double>& UiCpuMilliseconds() { return State().ui_cpu_ms; }
bool WantsTextInput() { return State().text_input_active; }

}  // namespace roadbook::web

// Called by roadbook_web.js on each requested animation frame.
extern "C" EMSCRIPTEN_KEEPALIVE void roadbook_animation_frame() {
    using namespace roadbook::web;
    WebApp& state = State();
    if (!state.app) return;
    if (state.frames_to_draw > 0) --state.frames_to_draw;
    DrawFrame();
    // Dear ImGui applies a burst of input (fast typing, a press and release in one frame) over several
    // frames; until its queue is empty the next frame is still owed, whatever the frame budget says.
    const bool input_waiting = !ImGui::GetCurrentContext()->InputEventsQueue.empty();
    if (state.frames_to_draw > 0 || input_waiting ||
        state.app->WantsAnotherFrame(roadbook::platform::MonotonicSeconds())) {
        roadbook_web_request_animation_frame();
    }
}

int main() {
    using namespace roadbook;
    using namespace roadbook::web;
    roadbook_web_install(roadbook_web_test_mode());
    if (!CreateContext()) {
        roadbook_web_fatal("Roadbook needs WebGL 2, which this browser did not provide. Try an up-to-date "
                           "Chrome, Edge, Firefox or Safari.");
        return 1;
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is code, not a file
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would force frames forever
    io.BackendPlatformName = "roadbook_web";
    io.GetClipboardTextFn = GetClipboard;
    io.SetClipboardTextFn = SetClipboard;
    io.SetPlatformImeDataFn = SetImeData;
    if (std::string error; !InitImGuiRenderer(error)) {
        roadbook_web_fatal(("Roadbook could not set up drawing with WebGL 2 (" + error +
                            "). Try an up-to-date Chrome, Edge, Firefox or Safari.").c_str());
        return 1;
    }
    if (const char* error = nullptr; !InitBackground(&error)) {
        std::printf("roadbook: %s; drawing a plain background\n", error);  // cosmetic: the app still works
    }
    LoadFontFiles();

    AppServices services;
    services.now_unix_ms = platform::NowUnixMs;
    services.utc_offset_minutes = platform::UtcOffsetMinutes;
    services.random_bytes = platform::FillRandomBytes;
    AddStorageServices(services);
    AddShellServices(services);
    auto database = OpenDeviceDatabase();
    if (!database) {
        // Nothing is deleted or overwritten: the page explains and offers the stored data as a download.
        roadbook_web_storage_failed(database.first_error().message.c_str());
        return 1;
    }
    State().app = App::Create(std::move(services), std::move(database).value());
    // The manifest's shortcuts open the app with ?action=... or ?screen=....
    char action[64] = {}, screen[64] = {};
    roadbook_web_url_parameter("action", action, sizeof action);
    roadbook_web_url_parameter("screen", screen, sizeof screen);
    State().app->OpenOnLaunch(action, screen);
    roadbook_web_storage_app_started();
    InstallSync(*State().app);
    State().app->SetTheme(roadbook_web_prefers_dark() ? ui::ThemeMode::Dark : ui::ThemeMode::Light);
    RequestFrames(2);
    return 0;
}
