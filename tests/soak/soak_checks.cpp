// Comparing the soak's replicas with the server's state as the auditor pulled it.
#include "soak_checks.h"

#include "store/database.h"

namespace roadbook::testing {
namespace {

constexpr size_t kProblemsKept = 10;

void Note(SoakVerdict& verdict, const std::string& problem) {
    if (verdict.problems.size() < kProblemsKept) verdict.problems.push_back(problem);
}

// Every deal as "id|name|amount|currency|stage", in id order: what a rep sees must match the server.
std::string DealDigest(TestDevice& device) {
    return device.Text("SELECT coalesce(group_concat(line, char(10)), '') FROM (SELECT id || '|' || name || '|' || "
                       "amount_minor || '|' || currency_code || '|' || stage_id AS line FROM opportunities ORDER BY id)");
}

// The acknowledged local changes of `device` whose field on the server holds neither them nor anything newer.
int64_t CountLost(TestDevice& device, TestDevice& auditor, SoakVerdict& verdict) {
    const int64_t acknowledged = device.engine().identity().acknowledged_sequence;
    auto statement = device.database().Prepare(
        "SELECT entity, entity_id, field, clock FROM change_log WHERE origin = 'local' AND clock != '' AND sequence <= ? "
        "AND sequence NOT IN (SELECT sequence FROM sync_rejections) ORDER BY sequence",
        "Reading acknowledged changes");
    if (!statement) throw std::runtime_error(statement.first_error().message);
    statement.value().Bind(1, acknowledged);
    auto newest = auditor.database().Prepare(
        "SELECT coalesce(max(clock), '') FROM change_log WHERE origin = 'remote' AND entity = ? AND entity_id = ? "
        "AND field = ?",
        "Reading the server's newest stamp");
    if (!newest) throw std::runtime_error(newest.first_error().message);
    int64_t lost = 0;
    while (statement.value().Step()) {
        const std::string entity = statement.value().ColumnText(0);
        const std::string entity_id = statement.value().ColumnText(1);
        const std::string field = statement.value().ColumnText(2);
        const std::string clock = statement.value().ColumnText(3);
        Statement& lookup = newest.value();
        lookup.Reset();
        lookup.Bind(1, entity).Bind(2, entity_id).Bind(3, field);
        const std::string held = lookup.Step() ? lookup.ColumnText(0) : std::string();
        if (held < clock) {
            ++lost;
            Note(verdict, "lost: " + entity + " " + entity_id + "." + field + " at " + clock + " (server holds '" + held + "')");
        }
    }
    return lost;
}

}  // namespace

SoakVerdict CheckSoak(const std::vector<TestDevice*>& devices, TestDevice& auditor, const std::set<std::string>& created) {
    SoakVerdict verdict;
    verdict.deals_on_server = auditor.Number("SELECT count(*) FROM opportunities");
    const std::string truth = DealDigest(auditor);
    for (TestDevice* device : devices) {
        if (DealDigest(*device) != truth) {
            ++verdict.divergent;
            Note(verdict, "divergent: a device has " + std::to_string(device->Number("SELECT count(*) FROM opportunities")) +
                              " deals, the server " + std::to_string(verdict.deals_on_server));
        }
        verdict.lost += CountLost(*device, auditor, verdict);
        const sync::SyncStatus status = device->engine().CurrentStatus();
        verdict.unacknowledged += status.pending;
        if (status.pending > 0) {
            Note(verdict, "unacknowledged: " + device->name() + " has " + std::to_string(status.pending) +
                              " changes still waiting, sync " + std::string(sync::SyncPhaseName(status.phase)) +
                              (status.error.empty() ? "" : ": " + status.error));
        }
    }
    auto ids = auditor.database().Prepare("SELECT id FROM opportunities", "Reading the server's deals");
    if (!ids) throw std::runtime_error(ids.first_error().message);
    int64_t matched = 0;
    while (ids.value().Step()) {
        const std::string id = ids.value().ColumnText(0);
        if (created.count(id)) {
            ++matched;
        } else {
            ++verdict.duplicated;
            Note(verdict, "unexpected deal on the server: " + id);
        }
    }
    if (matched != int64_t(created.size())) {
        Note(verdict, std::to_string(created.size() - size_t(matched)) + " created deals are missing on the server");
        verdict.lost += int64_t(created.size()) - matched;
    }
    return verdict;
}

}  // namespace roadbook::testing
