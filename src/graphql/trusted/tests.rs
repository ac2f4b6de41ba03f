use async_graphql::Request;

use super::*;

/// A file in the temporary directory with `text`, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn with(text: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("tally-trusted-{}.json", uuid::Uuid::new_v4()));
        std::fs::write(&path, text).unwrap();
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const DOC: &str = "query Me { me { id } }";

fn load(entries: &[(String, &str)], only: bool) -> anyhow::Result<TrustedDocuments> {
    let map: HashMap<&str, &str> = entries.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let file = TempFile::with(&serde_json::to_string(&map).unwrap());
    TrustedDocuments::load(Some(&file.0), only)
}

fn code_of(err: ServerError) -> String {
    let ext = serde_json::to_value(&err.extensions).unwrap();
    ext["code"].as_str().unwrap().to_owned()
}

#[test]
fn ids_are_found_with_or_without_the_prefix_and_in_any_case() {
    let trusted = load(&[(format!("sha256:{}", sha256_hex(DOC)), DOC)], true).unwrap();
    for id in [
        format!("sha256:{}", sha256_hex(DOC)),
        sha256_hex(DOC),
        sha256_hex(DOC).to_uppercase(),
    ] {
        let mut request = Request::new("");
        trusted.resolve(&mut request, Some(id)).unwrap();
        assert!(request.parsed_query().is_ok());
    }
}

#[test]
fn a_manifest_entry_must_match_its_hash_and_parse() {
    let wrong = load(&[(sha256_hex("query Other { me { id } }"), DOC)], false);
    assert!(wrong.err().unwrap().to_string().contains("does not match"));
    let broken = "query {";
    assert!(load(&[(sha256_hex(broken), broken)], false).is_err());
    let file = TempFile::with("[1, 2]");
    assert!(TrustedDocuments::load(Some(&file.0), false).is_err());
}

#[test]
fn text_alone_runs_only_when_not_restricted() {
    let entries = [(sha256_hex(DOC), DOC)];
    let mut request = Request::new("{ currencies { code } }");
    load(&entries, false)
        .unwrap()
        .resolve(&mut request, None)
        .unwrap();
    assert_eq!(request.query, "{ currencies { code } }");

    let refused = load(&entries, true).unwrap().resolve(&mut request, None);
    assert_eq!(code_of(refused.unwrap_err()), code::TRUSTED_DOCUMENTS_ONLY);
}

#[test]
fn an_apollo_extension_that_is_not_a_hash_names_nothing() {
    let trusted = load(&[(sha256_hex(DOC), DOC)], false).unwrap();
    let mut request = Request::new("");
    let persisted = serde_json::json!({ "version": 1 });
    request.extensions.insert(
        "persistedQuery".to_owned(),
        Value::from_json(persisted).unwrap(),
    );
    let refused = trusted.resolve(&mut request, None).unwrap_err();
    assert_eq!(code_of(refused), code::PERSISTED_QUERY_NOT_FOUND);
}
