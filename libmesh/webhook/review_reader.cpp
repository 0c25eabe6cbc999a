#include "libmesh/webhook/review_reader.hpp"

#include <algorithm>

#include "libmesh/core/json_document.hpp"
#include "libmesh/webhook/json_scanner.hpp"

namespace mesh::webhook {

using manifest::NodeKind;

namespace {

// The pod object at the scanner's next(): its kind and metadata names always, and its tree when
// `feed` is given, leaving metadata.managedFields out of it (the API server's bookkeeping, often
// half the pod, which no plan reads and no patch path goes through).
class PodReader {
public:
    PodReader(JsonScanner& scan, ReviewFields& fields, JsonTreeFeed* feed)
        : m_scan(scan), m_fields(fields), m_feed(feed) {}

    void object() {
        m_fields.object_kind.clear();
        clear_metadata();
        map([&](const std::string& key, std::size_t key_start) {
            build_key(key_start);
            if (key == "kind")
                captured(m_fields.object_kind);
            else if (key == "metadata")
                metadata();
            else
                value();
        });
    }

private:
    JsonScanner& m_scan;
    ReviewFields& m_fields;
    JsonTreeFeed* m_feed;
    std::string m_key;

    void clear_metadata() {
        m_fields.meta_namespace.clear();
        m_fields.meta_name.clear();
        m_fields.meta_generate_name.clear();
    }

    // The map at next(); `entry` reads each value, given the key and where it starts.
    template <typename Entry> void map(Entry&& entry) {
        m_feed ? m_feed->open(NodeKind::Map) : m_scan.enter();
        if (m_scan.next() == '}') {
            m_scan.advance();
        } else {
            do {
                if (m_scan.next() != '"') m_scan.fail("expected a key");
                std::size_t key_start = m_scan.pos();
                m_scan.string(m_key);
                m_scan.expect(':');
                entry(m_key, key_start);
            } while (m_scan.more('}'));
        }
        m_feed ? m_feed->close() : m_scan.leave();
    }

    void build_key(std::size_t start) {
        if (m_feed) m_feed->quoted(start, m_key);
    }

    void value() { m_feed ? m_feed->value() : m_scan.skip_value(); }

    // A string field read for the pod's label (also built into the tree).
    void captured(std::string& out) {
        if (m_scan.next() != '"') {
            out.clear();
            return value();
        }
        std::size_t start = m_scan.pos();
        m_scan.string(out);
        if (m_feed) m_feed->quoted(start, out);
    }

    void metadata() {
        clear_metadata();
        if (m_scan.next() != '{') return value();
        map([&](const std::string& key, std::size_t key_start) {
            if (key == "managedFields") return m_scan.skip_value();
            build_key(key_start);
            if (key == "name")
                captured(m_fields.meta_name);
            else if (key == "generateName")
                captured(m_fields.meta_generate_name);
            else if (key == "namespace")
                captured(m_fields.meta_namespace);
            else
                value();
        });
    }
};

// Reads the pod object at the scanner's next() into `fields`, its tree too when `build`.
void read_pod(JsonScanner& scan, ReviewFields& fields, const core::Limits& limits, bool build) {
    std::size_t start = scan.pos();
    fields.pod = manifest::YamlTree{};
    fields.pod_built = false;
    fields.pod_failure.clear();
    if (!build) {
        PodReader(scan, fields, nullptr).object();
        fields.object_text = scan.text().substr(start, scan.pos() - start);
        return;
    }
    // The text's end is known at the end; until then the tree's text runs to the body's end.
    fields.pod.text = scan.text().substr(start);
    // Room for as many nodes as the bytes left can hold (each takes two bytes at least), up to the
    // limit: growing the vector would copy every node and hold the old and the new array at
    // once, and reserving costs address space only, the pages nodes are written to.
    fields.pod.nodes.reserve(std::min<std::size_t>(fields.pod.text.size() / 2 + 2, limits.max_nodes_per_document));
    JsonTreeFeed feed(scan, fields.pod, limits, start, scan.line());
    PodReader(scan, fields, &feed).object();
    fields.object_text = fields.pod.text = scan.text().substr(start, scan.pos() - start);
    if (feed.building()) {
        feed.finish();
        fields.pod_built = true;
    } else {
        fields.pod_failure = feed.failure().message;
        fields.pod = manifest::YamlTree{};
    }
}

class EnvelopeReader {
public:
    EnvelopeReader(std::string_view body, const core::Limits& limits)
        : m_scan(body, limits.max_depth), m_limits(limits) {}

    ReviewFields run() {
        if (m_scan.next() != '{') {
            m_scan.skip_value();
        } else {
            m_fields.is_object = true;
            map([&](const std::string& key) {
                if (key == "kind")
                    string_field(m_fields.kind);
                else if (key == "apiVersion")
                    string_field(m_fields.api_version);
                else if (key == "request")
                    request();
                else
                    m_scan.skip_value();
            });
        }
        m_scan.finish();
        return std::move(m_fields);
    }

private:
    JsonScanner m_scan;
    const core::Limits& m_limits;
    ReviewFields m_fields;
    std::string m_key;
    bool m_resource_kind_seen = false;

    template <typename Entry> void map(Entry&& entry) {
        m_scan.enter();
        if (m_scan.next() == '}') {
            m_scan.advance();
        } else {
            do {
                if (m_scan.next() != '"') m_scan.fail("expected a key");
                m_scan.string(m_key);
                m_scan.expect(':');
                entry(m_key);
            } while (m_scan.more('}'));
        }
        m_scan.leave();
    }

    void string_field(std::string& out) {
        if (m_scan.next() == '"') return m_scan.string(out);
        out.clear();
        m_scan.skip_value();
    }

    // Whether the review can still be a Pod CREATE, from what the request has said so far.
    bool may_be_pod_create() const {
        const ReviewFields& f = m_fields;
        return (!m_resource_kind_seen || f.resource_kind == "Pod") && f.sub_resource.empty() &&
               (f.operation.empty() || f.operation == "CREATE");
    }

    void request() {
        // A second `request` replaces the first entirely.
        ReviewFields fresh;
        fresh.is_object = m_fields.is_object;
        fresh.kind = std::move(m_fields.kind);
        fresh.api_version = std::move(m_fields.api_version);
        m_fields = std::move(fresh);
        m_resource_kind_seen = false;
        if (m_scan.next() != '{') return m_scan.skip_value();
        m_fields.has_request = true;
        map([&](const std::string& key) {
            if (key == "uid") {
                string_field(m_fields.uid);
            } else if (key == "kind") {
                m_resource_kind_seen = true;
                m_fields.resource_kind.clear();
                if (m_scan.next() != '{') return m_scan.skip_value();
                map([&](const std::string& inner) {
                    if (inner == "kind")
                        string_field(m_fields.resource_kind);
                    else
                        m_scan.skip_value();
                });
            } else if (key == "operation") {
                string_field(m_fields.operation);
            } else if (key == "subResource") {
                string_field(m_fields.sub_resource);
            } else if (key == "namespace") {
                string_field(m_fields.ns);
            } else if (key == "name") {
                string_field(m_fields.name);
            } else if (key == "object") {
                object();
            } else {
                m_scan.skip_value();
            }
        });
    }

    void object() {
        char c = m_scan.next();
        std::size_t start = m_scan.pos();
        m_fields.pod = manifest::YamlTree{};
        m_fields.pod_built = false;
        m_fields.pod_failure.clear();
        m_fields.object_kind.clear();
        m_fields.meta_namespace.clear();
        m_fields.meta_name.clear();
        m_fields.meta_generate_name.clear();
        if (c == '{') {
            m_fields.object = ReviewFields::Object::Map;
            read_pod(m_scan, m_fields, m_limits, may_be_pod_create());
            return;
        }
        if (c == 'n') {
            m_fields.object = ReviewFields::Object::Null;
            m_scan.word();
        } else {
            m_fields.object = ReviewFields::Object::Other;
            m_scan.skip_value();
        }
        m_fields.object_text = m_scan.text().substr(start, m_scan.pos() - start);
    }
};

}  // namespace

tl::expected<ReviewFields, ReviewReadError> read_review(std::string_view body, const core::Limits& limits) {
    try {
        return EnvelopeReader(body, limits).run();
    } catch (const JsonScanError& e) {
        // As deep as the limit in a valid beginning is too deep; a body that is not JSON is too
        // deep when its brackets are (what was checked first, before the body was parsed).
        if (e.kind == JsonScanError::Kind::TooDeep || !core::json_nesting_within(body, limits.max_depth))
            return tl::unexpected(ReviewReadError::TooDeep);
        return tl::unexpected(ReviewReadError::NotJson);
    }
}

void read_pod_tree(ReviewFields& fields, const core::Limits& limits) {
    if (fields.object != ReviewFields::Object::Map || fields.pod_built || !fields.pod_failure.empty()) return;
    // The body was checked whole; this reads the object's bytes again, as one document.
    JsonScanner scan(fields.object_text, limits.max_depth);
    scan.next();
    read_pod(scan, fields, limits, true);
}

}  // namespace mesh::webhook
