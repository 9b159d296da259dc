// The C side of window.roadbook.test (tests/browser/HOOKS.md): frame count, the last frame's items, and read-only
// SQL on the local database, each returned as JSON text that roadbook_web.js parses.
#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/app.h"
#include "core/text.h"
#include "platform/web/web_frame_loop.h"
#include "ui/item_registry.h"

namespace {

std::string g_json;  // the last answer; valid until the next call


void AppendJsonValue(std::string& out, const roadbook::SqlValue& value) {
    if (std::holds_alternative<std::nullptr_t>(value)) {
        out += "null";
    } else if (const auto* integer = std::get_if<int64_t>(&value)) {
        // JavaScript numbers are exact up to 2^53; larger integers travel as strings rather than rounded.
        if (*integer > (int64_t(1) << 53) || *integer < -(int64_t(1) << 53)) {
            roadbook::AppendJsonString(out, std::to_string(*integer));
        } else {
            out += std::to_string(*integer);
        }
    } else if (const auto* real = std::get_if<double>(&value)) {
        char buffer[32];
        if (std::isfinite(*real)) std::snprintf(buffer, sizeof buffer, "%.17g", *real); else std::snprintf(buffer, sizeof buffer, "null");
        out += buffer;
    } else {
        roadbook::AppendJsonString(out, std::get<std::string>(value));
    }
}

const char* StatusJson(const roadbook::Status& status) {
    g_json = "{}";
    if (!status) {
        g_json = "{\"error\":";
        roadbook::AppendJsonString(g_json, status.first_error().message);
        g_json += "}";
    }
    roadbook::web::RequestFrames(2);
    return g_json.c_str();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE double roadbook_test_frame_count() { return double(roadbook::web::FramesDrawn()); }

// After the test clock moved: the views read the new date in the next frames.
EMSCRIPTEN_KEEPALIVE void roadbook_test_request_frames() { roadbook::web::RequestFrames(2); }

// {"frames": n, "p50": ms, "p95": ms, "max": ms, "ui_p50": ms, "ui_p95": ms} over the frames since the last
// call; clears them. ui_* is input to draw data (NewFrame through Render); the rest of a frame hands the draw
// lists to WebGL (on the test machine, Chromium's software rasterizer).
EMSCRIPTEN_KEEPALIVE const char* roadbook_test_take_frame_stats_json() {
    std::vector<double> times;
    std::vector<double> ui_times;
    times.swap(roadbook::web::FrameCpuMilliseconds());
    ui_times.swap(roadbook::web::UiCpuMilliseconds());
    const auto percentile = [](std::vector<double>& values, double fraction) {
        if (values.empty()) return 0.0;
        std::sort(values.begin(), values.end());
        return values[std::min(values.size() - 1, size_t(fraction * double(values.size())))];
    };
    char buffer[256];
    std::snprintf(buffer, sizeof buffer,
                  "{\"frames\":%zu,\"p50\":%.4f,\"p95\":%.4f,\"max\":%.4f,\"ui_p50\":%.4f,\"ui_p95\":%.4f}",
                  times.size(), percentile(times, 0.50), percentile(times, 0.95), percentile(times, 1.0),
                  percentile(ui_times, 0.50), percentile(ui_times, 0.95));
    g_json = buffer;
    return g_json.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* roadbook_test_items_json() {
    g_json = roadbook::ui::LastFrameItemsJson(0, 0);
    return g_json.c_str();
}

// {"rows": [{column: value, ...}, ...]} or {"error": "message"}.
EMSCRIPTEN_KEEPALIVE const char* roadbook_test_query(const char* sql) {
    roadbook::App* app = roadbook::web::CurrentApp();
    g_json.clear();
    if (app == nullptr) {
        g_json = "{\"error\":\"the app has not started\"}";
        return g_json.c_str();
    }
    auto rows = app->QueryReadOnly(sql);
    if (!rows) {
        g_json = "{\"error\":";
        roadbook::AppendJsonString(g_json, rows.first_error().message);
        g_json += "}";
        return g_json.c_str();
    }
    g_json = "{\"rows\":[";
    bool first_row = true;
    for (const roadbook::SqlRow& row : rows.value()) {
        if (!first_row) g_json.push_back(',');
        first_row = false;
        g_json.push_back('{');
        for (size_t column = 0; column < row.columns.size(); ++column) {
            if (column > 0) g_json.push_back(',');
            roadbook::AppendJsonString(g_json, row.columns[column]);
            g_json.push_back(':');
            AppendJsonValue(g_json, row.values[column]);
        }
        g_json.push_back('}');
    }
    g_json += "]}";
    return g_json.c_str();
}

// {} or {"error": "message"}: for storage tests, statements that change data as one commit.
EMSCRIPTEN_KEEPALIVE const char* roadbook_test_execute(const char* sql) {
    roadbook::App* app = roadbook::web::CurrentApp();
    if (app == nullptr) return "{\"error\":\"the app has not started\"}";
    return StatusJson(app->ExecuteForTest(sql));
}

// {} or {"error": "message"}: the seeded demo organisation, into an empty database only.
EMSCRIPTEN_KEEPALIVE const char* roadbook_test_load_demo(double opportunity_count) {
    roadbook::App* app = roadbook::web::CurrentApp();
    if (app == nullptr) return "{\"error\":\"the app has not started\"}";
    return StatusJson(app->LoadDemo(int64_t(opportunity_count)));
}

}  // extern "C"
