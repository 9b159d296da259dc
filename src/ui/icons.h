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
inline constexpr const char* kSortUp = "\xef\x83\x9e";        // U+F0DE
inline constexpr const char* kMoney = "\xef\x83\x96";         // U+F0D6
inline constexpr const char* kCog = "\xef\x80\x93";           // U+F013
inline constexpr const char* kDownload = "\xef\x80\x99";      // U+F019
inline constexpr const char* kUpload = "\xef\x82\x93";        // U+F093
inline constexpr const char* kDatabase = "\xef\x87\x80";      // U+F1C0
inline constexpr const char* kRefresh = "\xef\x80\xa1";       // U+F021
inline constexpr const char* kCalendarCheck = "\xef\x89\xb4";  // U+F274 calendar-check-o
inline constexpr const char* kColumns = "\xef\x83\x9b";        // U+F0DB
inline constexpr const char* kPhone = "\xef\x82\x95";          // U+F095
inline constexpr const char* kUsers = "\xef\x83\x80";          // U+F0C0
inline constexpr const char* kCheckSquare = "\xef\x81\x86";    // U+F046 check-square-o
inline constexpr const char* kEnvelope = "\xef\x83\xa0";       // U+F0E0
inline constexpr const char* kStickyNote = "\xef\x89\x89";     // U+F249
inline constexpr const char* kClock = "\xef\x80\x97";          // U+F017 clock-o
inline constexpr const char* kFire = "\xef\x81\xad";           // U+F06D
inline constexpr const char* kCircle = "\xef\x84\x91";         // U+F111
inline constexpr const char* kCircleOutline = "\xef\x84\x8c";  // U+F10C circle-o
inline constexpr const char* kCheckCircle = "\xef\x81\x98";    // U+F058
inline constexpr const char* kChevronUp = "\xef\x81\xb7";      // U+F077
inline constexpr const char* kChevronDown = "\xef\x81\xb8";    // U+F078
inline constexpr const char* kChevronRight = "\xef\x81\x94";   // U+F054
inline constexpr const char* kTrophy = "\xef\x82\x91";         // U+F091
inline constexpr const char* kThumbsDown = "\xef\x85\xa5";     // U+F165
inline constexpr const char* kUser = "\xef\x80\x87";           // U+F007
inline constexpr const char* kHistory = "\xef\x87\x9a";        // U+F1DA
inline constexpr const char* kBarChart = "\xef\x82\x80";      // U+F080
inline constexpr const char* kKeyboard = "\xef\x84\x9c";     // U+F11C keyboard-o
inline constexpr const char* kTriangle = "\xef\x81\xb1";       // U+F071 exclamation-triangle

}  // namespace roadbook::ui::icon
