//! The example deployment files under `deploy/` say what Tally needs: the systemd unit
//! parses and runs `tally serve` with the env file, the proxy sets the `X-Forwarded-For`
//! that `TRUSTED_PROXIES` reads, and the env example names only settings Tally knows.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use clap::CommandFactory as _;

fn deploy_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A systemd unit as sections of (key, value) pairs; panics on a line that is none of
/// comment, blank, `[Section]` or `Key=value`.
fn systemd_ini(text: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let mut sections: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.to_owned());
            sections.entry(name.to_owned()).or_default();
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("line {}: not Key=value: {line}", number + 1));
        let key = key.trim();
        assert!(
            !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()),
            "line {}: bad key {key:?}",
            number + 1
        );
        let section = current
            .clone()
            .unwrap_or_else(|| panic!("line {}: a key before any section", number + 1));
        let entry = (key.to_owned(), value.trim().to_owned());
        sections.entry(section).or_default().push(entry);
    }
    sections
}

fn value<'a>(
    sections: &'a BTreeMap<String, Vec<(String, String)>>,
    section: &str,
    key: &str,
) -> &'a str {
    sections[section]
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("[{section}] has no {key}"))
}

#[test]
fn the_systemd_unit_parses_and_runs_tally_serve_with_the_env_file() {
    let unit = systemd_ini(&deploy_file("tally.service"));
    assert_eq!(
        unit.keys().map(String::as_str).collect::<Vec<_>>(),
        ["Install", "Service", "Unit"]
    );
    let exec = value(&unit, "Service", "ExecStart");
    assert!(
        exec.starts_with('/') && exec.ends_with("tally serve"),
        "{exec}"
    );
    assert_eq!(
        value(&unit, "Service", "EnvironmentFile"),
        "/etc/tally/tally.env"
    );
    assert_eq!(value(&unit, "Service", "User"), "tally");
    assert_eq!(value(&unit, "Service", "StateDirectory"), "tally");
    assert_eq!(value(&unit, "Service", "KillSignal"), "SIGTERM");
    assert_eq!(value(&unit, "Service", "Restart"), "on-failure");
    // Longer than the default shutdown grace (10 s), so in-flight requests can finish.
    let stop: u64 = value(&unit, "Service", "TimeoutStopSec").parse().unwrap();
    assert!(stop > 10, "{stop}");
    assert_eq!(value(&unit, "Install", "WantedBy"), "multi-user.target");
    // The state directory is where the env example puts the data.
    let env = deploy_file("tally.env.example");
    assert!(env.lines().any(|l| l == "TALLY_DATA_DIR=/var/lib/tally"));
    assert_eq!(
        value(&unit, "Service", "WorkingDirectory"),
        "/var/lib/tally"
    );
}

#[test]
fn the_proxy_sets_the_forwarded_for_header_that_trusted_proxies_reads() {
    let nginx = deploy_file("nginx.conf");
    let directives: Vec<&str> = nginx
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#'))
        .collect();
    assert!(
        directives.contains(&"proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"),
        "{nginx}"
    );
    assert!(directives.contains(&"proxy_set_header Host $host;"));
    assert!(
        directives
            .iter()
            .any(|d| d.starts_with("proxy_pass http://tally;"))
    );
    assert!(directives.iter().any(|d| d.starts_with("listen 443 ssl")));
    assert_eq!(nginx.matches('{').count(), nginx.matches('}').count());
    // The env example trusts the proxy the config sends from.
    let env = deploy_file("tally.env.example");
    assert!(
        env.lines()
            .any(|l| l.starts_with("TRUSTED_PROXIES=127.0.0.1"))
    );
    assert!(nginx.contains("server 127.0.0.1:8000;"));
    assert!(env.lines().any(|l| l == "TALLY_ADDR=127.0.0.1:8000"));
}

/// The environment variables Tally reads: every `serve` flag's, and those read only from
/// the environment (secrets, the metrics token, log levels).
fn known_settings() -> BTreeSet<String> {
    let cli = tally::cli::Cli::command();
    let serve = cli
        .get_subcommands()
        .find(|command| command.get_name() == "serve")
        .expect("a serve command");
    let mut names: BTreeSet<String> = serve
        .get_arguments()
        .filter_map(|arg| arg.get_env())
        .map(|env| env.to_string_lossy().into_owned())
        .collect();
    assert!(names.contains("DATABASE_URL") && names.contains("TRUSTED_PROXIES"));
    for only_from_env in [
        "JWT_SECRET",
        "JWT_SECRET_FILE",
        "JWT_PREVIOUS_SECRET",
        "JWT_PREVIOUS_SECRET_FILE",
        "TALLY_METRICS_TOKEN",
        "RUST_LOG",
    ] {
        names.insert(only_from_env.to_owned());
    }
    names
}

/// The settings `text` names, set or commented out; each must be one Tally knows.
fn settings_named(text: &str, known: &BTreeSet<String>) -> Vec<String> {
    let mut named = Vec::new();
    for line in text.lines() {
        // Settings, set or commented out (`# NAME=`); prose lines have no `NAME=` head.
        let setting = line.trim_start_matches(['#', ' ']);
        let Some((name, _)) = setting.split_once('=') else {
            continue;
        };
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            assert!(known.contains(name), "{name} is not a Tally setting");
            named.push(name.to_owned());
        }
    }
    named
}

#[test]
fn the_env_examples_name_only_settings_tally_knows() {
    let known = known_settings();
    let named = settings_named(&deploy_file("tally.env.example"), &known);
    for needed in [
        "TALLY_ENV",
        "JWT_SECRET",
        "DATABASE_URL",
        "TRUSTED_PROXIES",
        "TALLY_METRICS_ADDR",
    ] {
        assert!(named.iter().any(|n| n == needed), "{needed} missing");
    }
    // The development example at the root lists every setting.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(".env.example");
    let named = settings_named(&std::fs::read_to_string(root).unwrap(), &known);
    for setting in &known {
        assert!(
            named.contains(setting),
            "{setting} missing from .env.example"
        );
    }
}
