// Fork Awesome 1.2 code points (private use area) as UTF-8, merged into the text font at load time.
#pragma once

namespace roadbook::ui::icon {

inline constexpr unsigned short kFirstCodePoint = 0xF000;
inline constexpr unsigned short kLastCodePoint = 0xF372;

inline constexpr const char* kPlus = "\xef\x81\xa7";          // U+F067
inline constexpr const char* kSearch = "\xef\x80\x82";        // U+F002
inline constexpr const char* kClose = "\xef\x80\x8d";         // U+F00D
inline constexpr const char* kCheck = "\xef\x80\x8c";         // U+F00C
inline constexpr const char* kBriefcase = "\xef\x82\xb1";     // U+F0B1
inline constexpr const char* kCalendar = "\xef\x81\xb3";      // U+F073
inline constexpr const char* kBuilding = "\xef\x86\xad";      // U+F1AD
inline constexpr const char* kMoon = "\xef\x86\x86";          // U+F186
inline constexpr const char* kSun = "\xef\x86\x85";           // U+F185
inline constexpr const char* kWarning = "\xef\x81\xaa";       // U+F06A exclamation-circle
inline constexpr const char* kInbox = "\xef\x80\x9c";         // U+F01C
inline constexpr const char* kRoad = "\xef\x80\x98";          // U+F018
inline constexpr const char* kSortDown = "\xef\x83\x9d";      // U+F0DD
inline constexpr const char* kMoney = "\xef\x83\x96";         // U+F0D6
inline constexpr const char* kCog = "\xef\x80\x93";           // U+F013
inline constexpr const char* kDownload = "\xef\x80\x99";      // U+F019
inline constexpr const char* kUpload = "\xef\x82\x93";        // U+F093
inline constexpr const char* kDatabase = "\xef\x87\x80";      // U+F1C0
inline constexpr const char* kRefresh = "\xef\x80\xa1";       // U+F021

}  // namespace roadbook::ui::icon
