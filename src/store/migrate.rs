//! Stores written by older versions of barg, brought to this version's
//! schema as they are read. Nothing is written until the next change, and
//! nothing is dropped: fields barg does not know stay where they were.

use serde_json::{Map, Value};

/// The oldest schema barg ever wrote.
pub const OLDEST: u64 = 1;

/// Bring `store` (a parsed `store.json` of schema `from`, at least
/// [`OLDEST`]) to the current schema, in place.
pub fn migrate(store: &mut Value, from: u64) {
    if from <= 1 {
        one_to_two(store);
    }
    // Schema 3 only adds a source kind: a schema-2 store is a schema-3 one.
    if let Some(fields) = store.as_object_mut() {
        fields.insert("schema".to_string(), Value::from(super::SCHEMA));
    }
}

/// Schema 1 kept a source as a string, `sample:NAME`, `-` for standard
/// input, or a path (with its bytes in `source_base64` when they are not
/// UTF-8); schema 2 as an object tagged by `kind` (see `article::Source`).
fn one_to_two(store: &mut Value) {
    let Some(store) = store.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(bookmarks)) = store.get_mut("bookmarks") {
        for bookmark in bookmarks {
            if let Some(Value::Object(article)) = bookmark.get_mut("article") {
                source_to_object(article);
            }
        }
    }
    if let Some(Value::Object(positions)) = store.get_mut("positions") {
        for position in positions.values_mut() {
            if let Value::Object(position) = position {
                source_to_object(position);
            }
        }
    }
}

/// Replace `record`'s `source` string (and `source_base64`) by a source
/// object. A record whose source is not a string is left for the parser to
/// report.
fn source_to_object(record: &mut Map<String, Value>) {
    let Some(Value::String(text)) = record.get("source") else {
        return;
    };
    let mut source = Map::new();
    if text == "-" {
        source.insert("kind".into(), "stdin".into());
    } else if let Some(name) = text.strip_prefix("sample:") {
        source.insert("kind".into(), "sample".into());
        source.insert("name".into(), name.into());
    } else {
        source.insert("kind".into(), "file".into());
        source.insert("path".into(), text.as_str().into());
        if let Some(base64) = record.remove("source_base64") {
            source.insert("path_base64".into(), base64);
        }
    }
    record.insert("source".into(), Value::Object(source));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_kind_of_source_string_becomes_its_object() {
        let mut store = json!({
            "schema": 1,
            "next_id": 3,
            "bookmarks": [
                {"id": 1, "article": {"id": "a", "source": "sample:fa-news.txt", "title": "t"}},
                {"id": 2, "article": {"id": "b", "source": "-", "title": "t", "mine": [1]}},
            ],
            "positions": {
                "c": {"source": "/a/caf\u{FFFD}.txt", "source_base64": "L2EvY2Fm/y50eHQ=",
                      "offset": 4, "updated": "2025-01-01T00:00:00Z"},
            },
            "extra": true,
        });
        migrate(&mut store, 1);
        assert_eq!(
            store,
            json!({
                "schema": 3,
                "next_id": 3,
                "bookmarks": [
                    {"id": 1, "article": {"id": "a", "title": "t",
                        "source": {"kind": "sample", "name": "fa-news.txt"}}},
                    {"id": 2, "article": {"id": "b", "title": "t", "mine": [1],
                        "source": {"kind": "stdin"}}},
                ],
                "positions": {
                    "c": {"source": {"kind": "file", "path": "/a/caf\u{FFFD}.txt",
                                     "path_base64": "L2EvY2Fm/y50eHQ="},
                          "offset": 4, "updated": "2025-01-01T00:00:00Z"},
                },
                "extra": true,
            })
        );
    }

    #[test]
    fn what_is_not_a_schema_1_source_is_left_for_the_parser() {
        let mut store = json!({"schema": 1, "bookmarks": [{"article": {"source": 5}}, 7]});
        migrate(&mut store, 1);
        assert_eq!(
            store,
            json!({"schema": 3, "bookmarks": [{"article": {"source": 5}}, 7]})
        );
    }
}
