// Word lists for the demo organisation: people, companies, cities, products and the phrases reps write,
// with many non-ASCII names (Müller, Łódź, Ørsted, Ελλάδα, Çelik, São Paulo) so every screen meets them.
#pragma once

#include <span>
#include <string_view>

namespace roadbook {

// A name as written, and an ASCII form for e-mail addresses and domains.
struct DemoName {
    std::string_view name;
    std::string_view ascii;
};

// The first demo account; a search for "mull" must find it.
inline constexpr std::string_view kDemoFirstAccountName = "Café Müller";

std::span<const DemoName> DemoFirstNames();
std::span<const DemoName> DemoLastNames();
// The first word of a company name ("Müller", "Ørsted", "Çelik"), with its ASCII form for domains.
std::span<const DemoName> DemoCompanyStems();
// The second word ("Logistik", "Energia"); stem + " " + kind is unique for every pair.
std::span<const std::string_view> DemoCompanyKinds();
std::span<const std::string_view> DemoCities();
std::span<const std::string_view> DemoJobTitles();
// What deals are about: "Fleet telematics", "Service contract".
std::span<const std::string_view> DemoProducts();
std::span<const std::string_view> DemoDealSources();
std::span<const std::string_view> DemoTags();
// Customer needs written on a deal, searchable.
std::span<const std::string_view> DemoNeeds();
// Subjects of logged calls, meetings, e-mails, notes and scheduled tasks.
std::span<const std::string_view> DemoCallSubjects();
std::span<const std::string_view> DemoMeetingSubjects();
std::span<const std::string_view> DemoEmailSubjects();
std::span<const std::string_view> DemoNoteSubjects();
std::span<const std::string_view> DemoTaskSubjects();
// Notes reps write after a meeting or call.
std::span<const std::string_view> DemoActivityNotes();
std::span<const std::string_view> DemoLostNotes();
std::span<const std::string_view> DemoPostponeReasons();
std::span<const std::string_view> DemoNoNextStepReasons();

}  // namespace roadbook
