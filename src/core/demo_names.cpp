// The demo word lists. Invented companies and people; the spread of scripts and diacritics is deliberate
// (search, sorting and text layout must cope with all of them).
#include "core/demo_names.h"

namespace roadbook {
namespace {

constexpr DemoName kFirstNames[] = {
    {"Jürgen", "juergen"},   {"Zofia", "zofia"},       {"Søren", "soeren"},     {"Ayşe", "ayse"},
    {"João", "joao"},        {"Ελένη", "eleni"},       {"François", "francois"}, {"Małgorzata", "malgorzata"},
    {"Björn", "bjoern"},     {"Inés", "ines"},         {"Çağla", "cagla"},      {"Åsa", "asa"},
    {"Νίκος", "nikos"},      {"Zoë", "zoe"},           {"Tomáš", "tomas"},      {"Léa", "lea"},
    {"Øystein", "oystein"},  {"Mehmet", "mehmet"},     {"Anna", "anna"},        {"Paweł", "pawel"},
    {"Gonçalo", "goncalo"},  {"Sophie", "sophie"},     {"Jiří", "jiri"},        {"Marta", "marta"},
};

constexpr DemoName kLastNames[] = {
    {"Müller", "mueller"},       {"Wąsowska", "wasowska"},   {"Ørsted", "orsted"},       {"Çelik", "celik"},
    {"Conceição", "conceicao"},  {"Παπαδοπούλου", "papadopoulou"}, {"Lefèvre", "lefevre"}, {"Nowak", "nowak"},
    {"Åkesson", "akesson"},      {"Núñez", "nunez"},          {"Yılmaz", "yilmaz"},       {"Lindqvist", "lindqvist"},
    {"Γεωργίου", "georgiou"},    {"Brontë", "bronte"},        {"Dvořák", "dvorak"},       {"Rousseau", "rousseau"},
    {"Hægland", "haegland"},     {"Öztürk", "ozturk"},        {"Schäfer", "schaefer"},    {"Łukasiewicz", "lukasiewicz"},
    {"Gonçalves", "goncalves"},  {"Weiß", "weiss"},           {"Novák", "novak"},         {"García", "garcia"},
};

constexpr DemoName kCompanyStems[] = {
    {"Müller", "mueller"},        {"Ørsted", "orsted"},        {"Çelik", "celik"},          {"Łódź", "lodz"},
    {"Ελλάδα", "ellada"},         {"São Paulo", "saopaulo"},   {"Brückner", "brueckner"},   {"Dvořák", "dvorak"},
    {"Nørgaard", "norgaard"},     {"Ünal", "unal"},            {"Peñalver", "penalver"},    {"Göteborgs", "goteborgs"},
    {"Kraków", "krakow"},         {"Zürcher", "zuercher"},     {"Ağaoğlu", "agaoglu"},      {"Κρήτη", "kriti"},
    {"Nordwind", "nordwind"},     {"Åland", "aland"},          {"Fjällräven Bygg", "fjall"}, {"Hôtel Lumière", "lumiere"},
    {"Bäckerei Kühn", "kuehn"},   {"Vinhos Lusíadas", "lusiadas"}, {"Østfold", "ostfold"},  {"Šumava", "sumava"},
    {"Lindqvist", "lindqvist"},   {"Ribeiro", "ribeiro"},      {"Straßburger", "strassburger"}, {"Île-de-Sel", "iledesel"},
    {"Żuraw", "zuraw"},           {"Αθηνά", "athina"},         {"Bergström", "bergstrom"},  {"Tiryaki", "tiryaki"},
    {"Haßloch", "hassloch"},      {"Coruña", "coruna"},        {"Vltava", "vltava"},        {"Ærø", "aeroe"},
    {"Mañana", "manana"},         {"Grünwald", "gruenwald"},   {"Kowalczyk", "kowalczyk"},  {"Sørlandet", "sorlandet"},
};

constexpr std::string_view kCompanyKinds[] = {
    "Logistik", "Bau", "Energia", "Foods", "Systems", "Holding", "Médical", "Textil", "Automotive", "Pharma",
    "Studio", "Werke", "Transportes", "Consulting", "Hotels", "Retail", "Agro", "Marine", "Solar", "Software",
};

constexpr std::string_view kCities[] = {
    "Łódź", "São Paulo", "Zürich", "Århus", "İzmir", "Θεσσαλονίκη", "Kraków", "Malmö", "Münster", "Reykjavík",
    "Coimbra", "Besançon", "Brno", "Göteborg", "Córdoba", "Tromsø", "Düsseldorf", "Gdańsk", "Nîmes", "Ελλάδα",
    "Köln", "Sevilla", "Plzeň", "Odense", "Porto", "Lyon", "Wrocław", "Bodø", "Graz", "Çeşme",
};

constexpr std::string_view kJobTitles[] = {
    "Head of Purchasing", "Managing Director", "IT Lead", "Operations Manager", "CFO", "Facility Manager",
    "Procurement Officer", "Fleet Manager", "Head of Sales", "Project Lead",
};

constexpr std::string_view kProducts[] = {
    "Fleet telematics", "Service contract", "Pilot project", "Warehouse scanners", "Cold-chain sensors",
    "Licence expansion", "Training programme", "Maintenance plan", "Route planning", "Energy monitoring",
    "Support upgrade", "Site rollout",
};

constexpr std::string_view kDealSources[] = {"Website", "Referral", "Trade fair", "Outbound", "Partner"};

constexpr std::string_view kTags[] = {"enterprise", "smb", "public-sector", "referral", "upsell", "quarter-end"};

constexpr std::string_view kNeeds[] = {
    "Replace the paper delivery notes before the busy season.",
    "Cut fuel costs across forty vans; wants numbers per route.",
    "Needs GDPR-compliant hosting inside the EU.",
    "Single sign-on with their Azure directory is a must.",
    "Temperature logging for pharmaceutical transports.",
    "Wants one contract for all three sites.",
};

constexpr std::string_view kCallSubjects[] = {
    "Intro call", "Discovery call", "Follow-up call", "Budget check call", "Call about the proposal",
    "Reference call",
};
constexpr std::string_view kMeetingSubjects[] = {
    "On-site visit", "Product demo", "Workshop with the team", "Negotiation meeting", "Kick-off meeting",
};
constexpr std::string_view kEmailSubjects[] = {
    "Sent the proposal", "Sent pricing", "Sent case study", "Answered technical questions", "Sent contract draft",
};
constexpr std::string_view kNoteSubjects[] = {
    "Budget situation", "Decision process", "Competitor in play", "Internal champion", "Rollout timing",
};
constexpr std::string_view kTaskSubjects[] = {
    "Send revised quote", "Call back about the pilot", "Prepare the demo", "Chase the signed contract",
    "Book on-site visit", "Check in after the trial",
};

constexpr std::string_view kActivityNotes[] = {
    "Talked to the Einkauf team; they compare us with two competitors.",
    "Decision after the board meeting next month; budget approved in principle.",
    "Wants references from logistics customers in Łódź or Kraków.",
    "Pricing is fine, delivery date is the concern.",
    "IT wants a security questionnaire before anything else.",
    "Champion is leaving in spring; need a second contact.",
    "Very positive demo, asked for a pilot at the Müller warehouse.",
    "Café meeting went well; next step is a written proposal.",
};

constexpr std::string_view kLostNotes[] = {
    "Competitor was 20% cheaper.", "Project cancelled after reorganisation.", "Went with their existing supplier.",
    "No budget this year.",
};

constexpr std::string_view kPostponeReasons[] = {
    "Budget freeze until next quarter.", "Waiting for the new managing director.",
    "Busy season: revisit afterwards.", "Merger under way; no decisions now.",
};

constexpr std::string_view kNoNextStepReasons[] = {
    "Customer will call us after their board meeting.", "Waiting for the tender to be published.",
    "Paperwork sits with their legal team.",
};

}  // namespace

std::span<const DemoName> DemoFirstNames() { return kFirstNames; }
std::span<const DemoName> DemoLastNames() { return kLastNames; }
std::span<const DemoName> DemoCompanyStems() { return kCompanyStems; }
std::span<const std::string_view> DemoCompanyKinds() { return kCompanyKinds; }
std::span<const std::string_view> DemoCities() { return kCities; }
std::span<const std::string_view> DemoJobTitles() { return kJobTitles; }
std::span<const std::string_view> DemoProducts() { return kProducts; }
std::span<const std::string_view> DemoDealSources() { return kDealSources; }
std::span<const std::string_view> DemoTags() { return kTags; }
std::span<const std::string_view> DemoNeeds() { return kNeeds; }
std::span<const std::string_view> DemoCallSubjects() { return kCallSubjects; }
std::span<const std::string_view> DemoMeetingSubjects() { return kMeetingSubjects; }
std::span<const std::string_view> DemoEmailSubjects() { return kEmailSubjects; }
std::span<const std::string_view> DemoNoteSubjects() { return kNoteSubjects; }
std::span<const std::string_view> DemoTaskSubjects() { return kTaskSubjects; }
std::span<const std::string_view> DemoActivityNotes() { return kActivityNotes; }
std::span<const std::string_view> DemoLostNotes() { return kLostNotes; }
std::span<const std::string_view> DemoPostponeReasons() { return kPostponeReasons; }
std::span<const std::string_view> DemoNoNextStepReasons() { return kNoNextStepReasons; }

}  // namespace roadbook
