//! The module dependency direction, checked on the source text: every `crate::…` and
//! `super::…` path under `src/` is an arrow from the file's module to the module it names.
//!
//! - Between top-level modules, arrows point down the layer stack in [`LAYERS`] (a module
//!   may name only modules of a lower layer), and every top-level module has its place in it.
//! - Between sibling modules anywhere in the tree (`service::transactions::edit` and
//!   `…::transfers`, `graphql::accounts` and `graphql::loaders`), arrows form no cycle.
//!
//! [`PENDING`] lists the arrows known to break these rules, each with the reason and the
//! work that removes it; an entry that no longer matches anything fails the test, so the
//! list only shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, top to bottom. The `tally` binary (`main.rs`) sits above all of them and the
/// crate root (`lib.rs`) only declares them.
const LAYERS: &[&[&str]] = &[
    // The command line: parses arguments, runs a command through the layers below.
    &["cli"],
    // Wiring: builds the application from the config; logging set-up.
    &["app", "telemetry"],
    // The axum router, handlers and the HTTP face of errors.
    &["http"],
    // The schema and resolvers: GraphQL input in, service calls, GraphQL output out.
    &["graphql"],
    // Every read and write of user data, scoped through the `Viewer`; the entities inside.
    &["service"],
    // Passwords, tokens, secrets, the client, the `Viewer`.
    &["auth"],
    // Plain values every layer may use; they import nothing of Tally.
    // `meter` records metrics (the `metrics` facade), callable from any layer.
    &["config", "error", "money", "meter"],
];

/// Known exceptions: (file under `src/`, the module it names, why it is still there).
const PENDING: &[(&str, &str, &str)] = &[];

/// Known sibling cycles: (parent module, from, to, why), the arrow from → to being the one
/// that is to go.
const PENDING_CYCLES: &[(&str, &str, &str, &str)] = &[];

#[test]
fn every_arrow_points_down_the_layers_and_siblings_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = rust_files(&src);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut arrows: BTreeSet<(String, Vec<String>, Vec<String>)> = BTreeSet::new();
    for file in &files {
        let from = module_of(&src, file);
        if from.first().is_some_and(|m| m == "main") {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("readable source");
        let name = file.strip_prefix(&src).expect("under src");
        let name = name.to_string_lossy().replace('\\', "/");
        for path in paths_named(&code_only(&text)) {
            if let Some(to) = resolve(&from, &path, &modules) {
                arrows.insert((name.clone(), from.clone(), to));
            }
        }
    }

    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    let pending = |file: &str, to: &[String]| {
        PENDING
            .iter()
            .position(|(f, target, _)| *f == file && to.join("::").starts_with(*target))
    };
    let layer_of = |module: &str| LAYERS.iter().position(|layer| layer.contains(&module));
    for top in modules.iter().filter_map(|m| m.first()) {
        if top != "lib" && top != "main" && layer_of(top).is_none() {
            problems.push(format!("top-level module `{top}` has no place in LAYERS"));
        }
    }
    let mut siblings: BTreeMap<Vec<String>, BTreeSet<(String, String)>> = BTreeMap::new();
    for (file, from, to) in &arrows {
        if let Some(index) = pending(file, to) {
            used.insert(index);
            continue;
        }
        let (Some(a), Some(b)) = (from.first(), to.first()) else {
            continue;
        };
        if a != b && a != "lib" {
            match (layer_of(a), layer_of(b)) {
                (Some(la), Some(lb)) if lb > la => {}
                _ => problems.push(format!("{file}: `{a}` must not name `{}`", to.join("::"))),
            }
        }
        let common = from.iter().zip(to).take_while(|(x, y)| x == y).count();
        if let (Some(x), Some(y)) = (from.get(common), to.get(common)) {
            let parent = from[..common].to_vec();
            siblings
                .entry(parent)
                .or_default()
                .insert((x.clone(), y.clone()));
        }
    }
    for (index, (parent, from, to, _)) in PENDING_CYCLES.iter().enumerate() {
        let parent: Vec<String> = parent.split("::").map(str::to_owned).collect();
        let removed = siblings
            .get_mut(&parent)
            .is_some_and(|edges| edges.remove(&((*from).to_owned(), (*to).to_owned())));
        if !removed {
            problems.push(format!(
                "PENDING_CYCLES entry {index} matches nothing: remove it"
            ));
        }
    }
    for (parent, edges) in &siblings {
        if let Some(cycle) = find_cycle(edges) {
            let parent = if parent.is_empty() {
                "crate".to_owned()
            } else {
                parent.join("::")
            };
            problems.push(format!("in `{parent}`: {}", cycle.join(" → ")));
        }
    }
    for (index, (file, target, _)) in PENDING.iter().enumerate() {
        if !used.contains(&index) {
            problems.push(format!(
                "PENDING entry {file} → {target} matches nothing: remove it"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A `Viewer` comes from the auth gate, for a verified token, with one exception: the
/// recurring job acts as a schedule's owner. Nothing else may make one that way, so that no
/// request path can hold a viewer it was not given.
#[test]
fn only_the_recurring_job_makes_a_viewer_without_a_token() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed = [src.join("auth"), src.join("service").join("recurring")];
    let callers: Vec<String> = rust_files(&src)
        .into_iter()
        .filter(|file| !allowed.iter().any(|dir| file.starts_with(dir)))
        .filter(|file| {
            let text = std::fs::read_to_string(file).expect("readable source");
            code_only(&text).contains("for_job")
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        callers.is_empty(),
        "Viewer::for_job called from {callers:?}"
    );
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// `src/service/transactions/edit.rs` → `["service", "transactions", "edit"]`; `lib.rs` →
/// `["lib"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file
        .strip_prefix(src)
        .expect("under src")
        .with_extension("");
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// The text without `//` comments (doc comments name modules in prose and links) and
/// without the contents of string literals (a test may hold module paths as text).
fn code_only(text: &str) -> String {
    let mut code = String::with_capacity(text.len());
    for line in text.lines() {
        let mut chars = line.chars().peekable();
        let mut in_string = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' if in_string => {
                    chars.next();
                }
                '"' => {
                    in_string = !in_string;
                    code.push(c);
                }
                '\'' if !in_string && chars.peek() == Some(&'"') => {
                    code.push_str("' '");
                    chars.next();
                    chars.next();
                }
                '/' if !in_string && chars.peek() == Some(&'/') => break,
                _ if in_string => {}
                _ => code.push(c),
            }
        }
        code.push('\n');
    }
    code
}

/// Every path that starts at `crate` or `super`, as its segments (`use crate::{a::b, c}`
/// gives `crate::a::b` and `crate::c`).
fn paths_named(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < code.len() {
        let starts = [b"crate::", b"super::"]
            .iter()
            .any(|p| bytes[at..].starts_with(*p))
            && (at == 0 || !is_ident(bytes[at - 1]));
        if starts {
            let (found, end) = read_path(code, at, Vec::new());
            paths.extend(found);
            at = end.max(at + 1);
        } else {
            at += 1;
        }
    }
    paths
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Read the path at `at` (segments joined by `::`, possibly ending in a `{…}` group) after
/// `prefix`; returns the full paths and where reading stopped.
fn read_path(code: &str, mut at: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let bytes = code.as_bytes();
    let mut segments = prefix;
    loop {
        while at < code.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at < code.len() && bytes[at] == b'{' {
            let mut paths = Vec::new();
            at += 1;
            loop {
                while at < code.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b',') {
                    at += 1;
                }
                if at >= code.len() || bytes[at] == b'}' {
                    return (paths, at + 1);
                }
                let (found, end) = read_path(code, at, segments.clone());
                paths.extend(found);
                at = end;
                while at < code.len() && bytes[at] != b',' && bytes[at] != b'}' {
                    at += 1;
                }
            }
        }
        let start = at;
        while at < code.len() && is_ident(bytes[at]) {
            at += 1;
        }
        if start == at {
            return (vec![segments], at);
        }
        segments.push(code[start..at].to_owned());
        if bytes[at..].starts_with(b"::") {
            at += 2;
        } else {
            return (vec![segments], at);
        }
    }
}

/// The module a path from module `from` names: the longest prefix that is a module file.
fn resolve(
    from: &[String],
    path: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut base: Vec<String> = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        Some("super") => {
            base = from.to_vec();
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    let mut full = base;
    full.extend(rest.iter().cloned());
    (1..=full.len())
        .rev()
        .map(|n| full[..n].to_vec())
        .find(|candidate| modules.contains(candidate))
}

/// A cycle among `edges` (a → b), if there is one.
fn find_cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    for start in nodes {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for (_, next) in edges.iter().filter(|(a, _)| *a == node) {
                if next == start {
                    let mut cycle = trail.clone();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    None
}
