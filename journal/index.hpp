// The decrypted in-memory index of an unlocked vault: records sorted for display. Search folds
// the entries' text as it reads them (journal/search.hpp): no folded copy is kept. Wiped
// (every string zeroed) on lock.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "journal/id_slots.hpp"
#include "journal/types.hpp"

namespace afterglow::journal {

class Index {
public:
    void clear_and_wipe();
    void load(std::vector<Record> records);  // replaces everything
    // The same with the entries apart (unlock decodes them into their vector): kept as they
    // are when already newest first, else sorted moving each once.
    void load(std::vector<Entry> entries, std::vector<Record> others);
    void put_all(std::vector<Record> records);  // insert or replace by id (moves them in)
    void erase(const RecordId& id);

    const std::vector<Entry>& entries() const { return entries_; }
    const std::vector<Session>& sessions() const { return sessions_; }
    const std::vector<CheckIn>& checkins() const { return checkins_; }
    const std::vector<Goal>& goals() const { return goals_; }
    const std::vector<MeasureResponse>& responses() const { return responses_; }
    const std::vector<Document>& documents() const { return documents_; }
    const Entry* entry(const RecordId& id) const;
    const Session* session(const RecordId& id) const;
    const CheckIn* checkin(const RecordId& id) const;
    const Goal* goal(const RecordId& id) const;
    const MeasureResponse* response(const RecordId& id) const;
    const Document* document(const RecordId& id) const;
    const RecordMeta* meta(const RecordId& id) const;
    std::size_t size() const;

    std::vector<RecordId> search(std::string_view query) const;
    std::vector<RecordId> all_ids() const;

private:
    void sort_all();
    void rebuild_slots();
    // One record in or out in O(log n) lookups (an edit that keeps its place is replaced where
    // it stands): a save does not re-sort or re-hash the whole journal.
    void put_one(Record r);
    template <class T>
    const T* find(const RecordId& id) const;
    template <class T>
    std::vector<T>& list();

    std::vector<Entry> entries_;  // newest first
    std::vector<Session> sessions_;
    std::vector<CheckIn> checkins_;
    std::vector<Goal> goals_;
    std::vector<MeasureResponse> responses_;  // by authored time, oldest first
    std::vector<Document> documents_;
    IdSlots slots_;  // every record: where it is (its sort key, see index.cpp, and list)
};

// The folded text of an entry as search sees it: title, body, prompts, emotions, tags, actions,
// each followed by '\n' (search folds field by field instead: journal/search.hpp; tests
// check the two agree).
std::string search_text(const Entry& e);

void wipe_record(Record& r);
void wipe_entry(Entry& e);

}  // namespace afterglow::journal
