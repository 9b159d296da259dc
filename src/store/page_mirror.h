// A SQLite VFS ("roadbook-mirror") that keeps database files in memory as fixed-size pages and remembers
// which pages changed since they were last saved, so the platform can copy just those pages to durable
// storage (IndexedDB in the browser) after each commit. The browser side is web/storage.js; the whole path
// is in docs/ARCHITECTURE.md, "The life of an edit".
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace roadbook {

inline constexpr const char* kPageMirrorVfsName = "roadbook-mirror";

// The pages to save to bring durable storage up to `commit_id`.
struct MirrorChanges {
    uint64_t commit_id = 0;
    uint32_t page_count = 0;     // the file's length in pages; saved pages at or past it are stale
    std::vector<uint32_t> pages;  // changed pages (0-based) below page_count, ascending
};

// One file's bytes, page by page. A page never written (a hole) reads as zeros.
class MirroredFile {
public:
    explicit MirroredFile(uint32_t page_size);

    uint32_t page_size() const { return page_size_; }
    int64_t size() const { return size_; }
    uint32_t page_count() const { return uint32_t((size_ + page_size_ - 1) / page_size_); }
    // Counts committed write transactions (and rollbacks that wrote pages back); a loaded file starts at
    // the commit id it was saved with.
    uint64_t commit_id() const { return commit_id_; }
    bool in_write_transaction() const { return writer_handles_ > 0; }

    // The bytes of `page`, or nullptr for a hole or a page past the end.
    const uint8_t* PageData(uint32_t page) const;

    // Loading a saved file, before SQLite opens it: a zeroed page to fill in, then the saved size and
    // commit id. Loaded pages are not changes.
    uint8_t* LoadPage(uint32_t page);
    void FinishLoad(int64_t size, uint64_t commit_id);

    // The pages changed since the last call, as of the last commit; nothing while a write transaction is
    // open (its pages are not a committed state) or when nothing changed. The pages stay "in flight" until
    // ConfirmSaved() forgets them or ReturnUnsaved() marks them changed again (the save failed).
    std::optional<MirrorChanges> TakeChanges();
    void ConfirmSaved();
    void ReturnUnsaved();
    bool HasUnsavedChanges() const { return !changed_list_.empty() || !in_flight_.empty(); }

    // The VFS's file operations. Read() answers false for a short read (the rest is zero-filled).
    bool Read(int64_t offset, uint8_t* out, int64_t count) const;
    void Write(int64_t offset, const uint8_t* bytes, int64_t count);
    void Truncate(int64_t size);
    // A handle's lock moved from `from` to `to` (SQLite's lock levels); returns false when another handle
    // already holds the write lock. Dropping below the write lock ends a transaction: a commit if it wrote.
    bool ChangeLock(int from, int to);
    bool OtherHandleWrites(int own_level) const { return writer_handles_ > (own_level >= 2 ? 1 : 0); }

    // Called after each commit that changed pages (the browser schedules a save).
    void SetCommitListener(std::function<void()> listener) { commit_listener_ = std::move(listener); }

private:
    void MarkChanged(uint32_t page);
    // Calls visit(page, offset within the page, length, bytes before this span) for each page the byte
    // range [offset, offset + count) touches.
    template <typename Visit>
    void ForEachPageSpan(int64_t offset, int64_t count, Visit visit) const;

    uint32_t page_size_;
    int64_t size_ = 0;
    uint64_t commit_id_ = 0;
    int writer_handles_ = 0;
    bool wrote_in_transaction_ = false;
    std::vector<std::unique_ptr<uint8_t[]>> pages_;
    std::vector<uint8_t> changed_;        // per page: 1 when in changed_list_
    std::vector<uint32_t> changed_list_;  // unordered
    std::vector<uint32_t> in_flight_;
    std::function<void()> commit_listener_;
};

// Registers the VFS with SQLite (once; later calls do nothing). Files live here by name until deleted,
// so a database can be closed and opened again, and the platform can load and save them.
Status RegisterPageMirror();
// The file named `name`, or nullptr.
std::shared_ptr<MirroredFile> FindMirroredFile(std::string_view name);
// A new empty file named `name` with `page_size`-byte pages, replacing any file of that name. Use the
// same page size as the database (PRAGMA page_size) so a changed database page is one changed mirror page.
std::shared_ptr<MirroredFile> CreateMirroredFile(std::string_view name, uint32_t page_size);
void DeleteMirroredFile(std::string_view name);
// The URI that opens `name` through the mirror with Database::Open.
std::string MirroredDatabaseUri(std::string_view name);

}  // namespace roadbook
