//! Picks the dashboard build the binary embeds (`src/http/dashboard/embedded.rs`):
//! `frontend/dist` when it holds a build, otherwise an empty folder in `OUT_DIR`, so a clean
//! clone compiles (and lints and tests) before the frontend is built; such a binary says
//! the dashboard is not built. `scripts/serve` builds the frontend first.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dist = manifest.join("frontend").join("dist");
    let folder = if dist.join("index.html").is_file() {
        // Any change to the build (or its removal) embeds it again.
        println!("cargo:rerun-if-changed=frontend/dist");
        dist
    } else {
        // Watching a missing path would rerun this on every build; watch its parent, which
        // changes when the build appears.
        println!("cargo:rerun-if-changed=frontend");
        let empty = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"))
            .join("no-dashboard-build");
        std::fs::create_dir_all(&empty).expect("create the empty dashboard folder");
        empty
    };
    println!("cargo:rustc-env=TALLY_DASHBOARD_EMBED={}", folder.display());
}
