// Content types of the files the web app ships, chosen by file extension.
#pragma once

#include <string_view>

namespace roadbook::server {

// The Content-Type for a file name; the extension is compared case-insensitively. Text types carry
// charset=utf-8 so browsers never guess. Unknown extensions get application/octet-stream, which together
// with "nosniff" stops a browser from running an unexpected file as script or HTML.
std::string_view ContentTypeForFileName(std::string_view file_name);

}  // namespace roadbook::server
