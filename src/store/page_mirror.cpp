// The roadbook-mirror VFS: files as pages in memory with change tracking (see the header). SQLite calls
// the C functions at the bottom through sqlite3_vfs and sqlite3_io_methods.
#include "store/page_mirror.h"

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <map>

namespace roadbook {

MirroredFile::MirroredFile(uint32_t page_size) : page_size_(page_size) { assert(page_size >= 512); }

const uint8_t* MirroredFile::PageData(uint32_t page) const {
    return page < pages_.size() ? pages_[page].get() : nullptr;
}

uint8_t* MirroredFile::LoadPage(uint32_t page) {
    if (page >= pages_.size()) pages_.resize(size_t(page) + 1);
    if (!pages_[page]) pages_[page] = std::make_unique<uint8_t[]>(page_size_);  // zeroed
    return pages_[page].get();
}

void MirroredFile::FinishLoad(int64_t size, uint64_t commit_id) {
    size_ = size;
    commit_id_ = commit_id;
    if (pages_.size() > page_count()) pages_.resize(page_count());
}

void MirroredFile::MarkChanged(uint32_t page) {
    if (page >= changed_.size()) changed_.resize(size_t(page) + 1, 0);
    if (changed_[page]) return;
    changed_[page] = 1;
    changed_list_.push_back(page);
}

std::optional<MirrorChanges> MirroredFile::TakeChanges() {
    if (in_write_transaction() || changed_list_.empty()) return std::nullopt;
    MirrorChanges changes;
    changes.commit_id = commit_id_;
    changes.page_count = page_count();
    std::sort(changed_list_.begin(), changed_list_.end());
    for (uint32_t page : changed_list_) {
        changed_[page] = 0;
        // Pages past the end are not written: the saver deletes everything from page_count on.
        if (page < changes.page_count) changes.pages.push_back(page);
        in_flight_.push_back(page);
    }
    changed_list_.clear();
    return changes;
}

void MirroredFile::ConfirmSaved() { in_flight_.clear(); }

void MirroredFile::ReturnUnsaved() {
    for (uint32_t page : in_flight_) MarkChanged(page);
    in_flight_.clear();
}

template <typename Visit>
void MirroredFile::ForEachPageSpan(int64_t offset, int64_t count, Visit visit) const {
    int64_t done = 0;
    while (done < count) {
        const int64_t position = offset + done;
        const int64_t within = position % page_size_;
        const int64_t length = std::min<int64_t>(count - done, page_size_ - within);
        visit(uint32_t(position / page_size_), within, length, done);
        done += length;
    }
}

bool MirroredFile::Read(int64_t offset, uint8_t* out, int64_t count) const {
    assert(offset >= 0 && count >= 0);
    const int64_t available = std::clamp<int64_t>(size_ - offset, 0, count);
    ForEachPageSpan(offset, available, [&](uint32_t page, int64_t within, int64_t length, int64_t done) {
        if (const uint8_t* data = PageData(page)) {
            std::memcpy(out + done, data + within, size_t(length));
        } else {
            std::memset(out + done, 0, size_t(length));  // a hole
        }
    });
    if (available < count) std::memset(out + available, 0, size_t(count - available));
    return available == count;
}

void MirroredFile::Write(int64_t offset, const uint8_t* bytes, int64_t count) {
    assert(offset >= 0 && count >= 0);
    ForEachPageSpan(offset, count, [&](uint32_t page, int64_t within, int64_t length, int64_t done) {
        std::memcpy(LoadPage(page) + within, bytes + done, size_t(length));
        MarkChanged(page);
    });
    // Writing past the end leaves a hole of never-written pages that read as zeros.
    size_ = std::max(size_, offset + count);
    wrote_in_transaction_ = true;
}

void MirroredFile::Truncate(int64_t size) {
    assert(size >= 0);
    if (size < size_) {
        const uint32_t old_count = page_count();
        const auto new_count = uint32_t((size + page_size_ - 1) / page_size_);
        if (pages_.size() > new_count) pages_.resize(new_count);
        if (const int64_t tail = size % page_size_; tail != 0 && new_count - 1 < pages_.size() && pages_[new_count - 1]) {
            std::memset(pages_[new_count - 1].get() + tail, 0, size_t(page_size_ - tail));
            MarkChanged(new_count - 1);
        }
        // Saved copies of the cut pages must not come back if the file grows again before the next save.
        for (uint32_t page = new_count; page < old_count; ++page) MarkChanged(page);
    }
    size_ = size;
    wrote_in_transaction_ = true;
}

bool MirroredFile::ChangeLock(int from, int to) {
    const bool was_writer = from >= SQLITE_LOCK_RESERVED;
    const bool is_writer = to >= SQLITE_LOCK_RESERVED;
    if (is_writer && !was_writer) {
        if (writer_handles_ > 0) return false;
        ++writer_handles_;
    } else if (was_writer && !is_writer) {
        --writer_handles_;
        if (wrote_in_transaction_) {
            wrote_in_transaction_ = false;
            ++commit_id_;
            if (commit_listener_) commit_listener_();
        }
    }
    return true;
}

namespace {

using FileRegistry = std::map<std::string, std::shared_ptr<MirroredFile>, std::less<>>;

FileRegistry& Files() {
    static FileRegistry files;
    return files;
}

constexpr uint32_t kJournalPageSize = 4096;

// What SQLite allocates per open file: its header first, then ours.
struct MirrorHandle {
    sqlite3_file base;
    std::shared_ptr<MirroredFile>* file;  // owned; a named file is shared with the registry
    int lock;
};

MirroredFile& FileOf(sqlite3_file* handle) { return **reinterpret_cast<MirrorHandle*>(handle)->file; }

int Close(sqlite3_file* handle) {
    auto* mirror = reinterpret_cast<MirrorHandle*>(handle);
    if (mirror->lock >= SQLITE_LOCK_RESERVED) (*mirror->file)->ChangeLock(mirror->lock, SQLITE_LOCK_NONE);
    delete mirror->file;
    mirror->file = nullptr;
    return SQLITE_OK;
}

int Read(sqlite3_file* handle, void* out, int count, sqlite3_int64 offset) {
    return FileOf(handle).Read(offset, static_cast<uint8_t*>(out), count) ? SQLITE_OK : SQLITE_IOERR_SHORT_READ;
}

int Write(sqlite3_file* handle, const void* bytes, int count, sqlite3_int64 offset) {
    FileOf(handle).Write(offset, static_cast<const uint8_t*>(bytes), count);
    return SQLITE_OK;
}

int Truncate(sqlite3_file* handle, sqlite3_int64 size) {
    FileOf(handle).Truncate(size);
    return SQLITE_OK;
}

// Memory is as durable as this layer gets; the platform's save is what makes a commit durable.
int Sync(sqlite3_file*, int) { return SQLITE_OK; }

int FileSize(sqlite3_file* handle, sqlite3_int64* size) {
    *size = FileOf(handle).size();
    return SQLITE_OK;
}

int Lock(sqlite3_file* handle, int level) {
    auto* mirror = reinterpret_cast<MirrorHandle*>(handle);
    if (level <= mirror->lock) return SQLITE_OK;
    if (!(*mirror->file)->ChangeLock(mirror->lock, level)) return SQLITE_BUSY;
    mirror->lock = level;
    return SQLITE_OK;
}

int Unlock(sqlite3_file* handle, int level) {
    auto* mirror = reinterpret_cast<MirrorHandle*>(handle);
    if (level >= mirror->lock) return SQLITE_OK;
    (*mirror->file)->ChangeLock(mirror->lock, level);
    mirror->lock = level;
    return SQLITE_OK;
}

int CheckReservedLock(sqlite3_file* handle, int* reserved) {
    auto* mirror = reinterpret_cast<MirrorHandle*>(handle);
    *reserved = (*mirror->file)->OtherHandleWrites(mirror->lock) ? 1 : 0;
    return SQLITE_OK;
}

int FileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }

int SectorSize(sqlite3_file*) { return 512; }

// Overwriting a page never disturbs its neighbours, and appends are safe: SQLite can skip some journaling.
int DeviceCharacteristics(sqlite3_file*) { return SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_POWERSAFE_OVERWRITE; }

const sqlite3_io_methods kIoMethods = {
    1, Close, Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock, FileControl, SectorSize,
    DeviceCharacteristics, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* handle, int flags, int* out_flags) {
    auto* mirror = reinterpret_cast<MirrorHandle*>(handle);
    mirror->base.pMethods = nullptr;  // SQLite calls no method of a file whose open failed
    std::shared_ptr<MirroredFile> file;
    if (name == nullptr) {
        file = std::make_shared<MirroredFile>(kJournalPageSize);  // a temporary file nobody else sees
    } else if (auto found = Files().find(std::string_view(name)); found != Files().end()) {
        file = found->second;
    } else if (flags & SQLITE_OPEN_CREATE) {
        file = CreateMirroredFile(name, kJournalPageSize);
    } else {
        return SQLITE_CANTOPEN;
    }
    mirror->file = new std::shared_ptr<MirroredFile>(std::move(file));
    mirror->lock = SQLITE_LOCK_NONE;
    mirror->base.pMethods = &kIoMethods;
    if (out_flags) *out_flags = flags;
    return SQLITE_OK;
}

int Delete(sqlite3_vfs*, const char* name, int) {
    DeleteMirroredFile(name);
    return SQLITE_OK;
}

int Access(sqlite3_vfs*, const char* name, int, int* result) {
    *result = Files().count(std::string_view(name)) ? 1 : 0;
    return SQLITE_OK;
}

int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
    if (int(std::strlen(name)) >= size) return SQLITE_CANTOPEN;
    std::strcpy(out, name);
    return SQLITE_OK;
}

// Randomness, sleep and time come from the platform's default VFS.
sqlite3_vfs* Default() { return sqlite3_vfs_find(nullptr); }
int Randomness(sqlite3_vfs*, int count, char* out) { return Default()->xRandomness(Default(), count, out); }
int Sleep(sqlite3_vfs*, int microseconds) { return Default()->xSleep(Default(), microseconds); }
int CurrentTime(sqlite3_vfs*, double* now) { return Default()->xCurrentTime(Default(), now); }
int GetLastError(sqlite3_vfs*, int, char*) { return 0; }
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* now) { return Default()->xCurrentTimeInt64(Default(), now); }

}  // namespace

Status RegisterPageMirror() {
    static sqlite3_vfs vfs = {
        2,       sizeof(MirrorHandle), 512,        nullptr,    kPageMirrorVfsName, nullptr,
        Open,    Delete,               Access,     FullPathname, nullptr,          nullptr,
        nullptr, nullptr,              Randomness, Sleep,      CurrentTime,        GetLastError,
        CurrentTimeInt64, nullptr, nullptr, nullptr,
    };
    if (sqlite3_vfs_find(kPageMirrorVfsName) != nullptr) return Done{};
    if (const int result = sqlite3_vfs_register(&vfs, 0); result != SQLITE_OK) {
        return ValidationError{"", "storage", std::string("Registering the page mirror failed: ") + sqlite3_errstr(result)};
    }
    return Done{};
}

std::shared_ptr<MirroredFile> FindMirroredFile(std::string_view name) {
    const auto found = Files().find(name);
    return found == Files().end() ? nullptr : found->second;
}

std::shared_ptr<MirroredFile> CreateMirroredFile(std::string_view name, uint32_t page_size) {
    auto file = std::make_shared<MirroredFile>(page_size);
    Files().insert_or_assign(std::string(name), file);
    return file;
}

void DeleteMirroredFile(std::string_view name) {
    if (const auto found = Files().find(name); found != Files().end()) Files().erase(found);
}

std::string MirroredDatabaseUri(std::string_view name) {
    return "file:" + std::string(name) + "?vfs=" + kPageMirrorVfsName;
}

}  // namespace roadbook
