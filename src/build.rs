//! Build script: rebuild when a migration is added or changed, so that `sqlx::migrate!` (which
//! embeds the files of `migrations/` at compile time) never runs an outdated set.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
