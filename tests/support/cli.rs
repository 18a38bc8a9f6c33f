//! The `zhuqi` binary run as an operator runs it: one subcommand, to its end.

use std::process::Command;

/// Runs `zhuqi ARGS` on the database at `database_url`, from the repository's root with no
/// settings file and only errors logged; returns whether it succeeded, its output and its errors.
pub fn zhuqi(database_url: &str, args: &[&str]) -> (bool, String, String) {
    zhuqi_with(database_url, args, &[])
}

/// `zhuqi` with more environment variables set (a token, a server's address, a settings file).
pub fn zhuqi_with(
    database_url: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zhuqi"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DATABASE_URL", database_url)
        .env_remove("ZHUQI_CONFIG")
        .env("RUST_LOG", "error")
        .env("RUST_BACKTRACE", "0")
        .envs(env.iter().copied())
        .output()
        .expect("run the zhuqi binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
