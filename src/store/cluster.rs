//! A private PostgreSQL cluster under the project's data folder, for when `DATABASE_URL` is unset:
//! created with the system's `initdb`, started with `pg_ctl` (as the `postgres` user when run as
//! root), listening on 127.0.0.1 only, with no Unix socket. Several processes may call this at
//! once; a file lock serializes them.
//!
//! Nothing is trusted: `initdb` gets a generated password (kept in `pg.password` in the data
//! folder, mode 0600) and every connection must prove it (scram-sha-256). A cluster made by an
//! older version, which trusted every local connection, is secured in place on start: a password
//! is generated and set over the still-trusted connection, `pg_hba.conf` is rewritten, and the
//! server reloads it.

use std::fs::{self, File};
use std::io::Write;
use std::net::TcpListener;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The one command that installs PostgreSQL on the Debian-family machines the README targets.
pub const INSTALL_HINT: &str = "apt-get install -y postgresql";

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL is not installed (no initdb found). Install it with: {INSTALL_HINT}  — or set DATABASE_URL to a running server"
    )]
    NotInstalled,
    #[error("cannot prepare the data folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{command}` failed: {output}")]
    Command { command: String, output: String },
    #[error(
        "the private cluster in {path} needs a password, but its password file is missing; restore pg.password there, or remove the data folder to start afresh"
    )]
    NoPassword { path: PathBuf },
}

/// The password file's name in the data folder.
const PASSWORD_FILE: &str = "pg.password";

/// `pg_hba.conf` of a secured cluster: a password on every connection, nothing trusted.
const HBA: &str = "\
# zhuqi's private cluster: every connection proves the password (scram-sha-256); none is trusted.
local   all          all                 scram-sha-256
host    all          all   127.0.0.1/32  scram-sha-256
host    all          all   ::1/128       scram-sha-256
local   replication  all                 scram-sha-256
host    replication  all   127.0.0.1/32  scram-sha-256
host    replication  all   ::1/128       scram-sha-256
";

/// A new password: 32 letters and digits (nothing a URL must escape).
fn new_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..32)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// The password kept in the data folder, if there is one.
fn read_password(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let password = text.trim().to_string();
    (!password.is_empty()).then_some(password)
}

/// Writes a new password file, readable by its owner only (the `postgres` user when run as
/// root, which `initdb` reads it as; root reads it all the same).
fn write_password(path: &Path, as_postgres: bool) -> Result<String, ClusterError> {
    let password = new_password();
    let _ = fs::remove_file(path);
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(io_err(path))?;
    file.write_all(password.as_bytes()).map_err(io_err(path))?;
    file.sync_all().map_err(io_err(path))?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(io_err(path))?;
    if as_postgres {
        let mut chown = Command::new("chown");
        chown.arg("postgres:postgres").arg(path);
        run(chown)?;
    }
    Ok(password)
}

/// Whether `pg_hba.conf` trusts any connection (a cluster made by an older version).
fn trusts_anyone(hba: &str) -> bool {
    hba.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .any(|l| l.split_whitespace().any(|word| word == "trust"))
}

/// Secures a cluster that trusts local connections: sets a new password over the (still
/// trusted) connection, then rewrites `pg_hba.conf` and has the server reload it.
fn secure_in_place(
    pgdata: &Path,
    password_file: &Path,
    port: u16,
    as_postgres: bool,
    pg_ctl: &Path,
) -> Result<String, ClusterError> {
    let psql = find_program("psql").ok_or(ClusterError::NotInstalled)?;
    let password = write_password(password_file, as_postgres)?;
    let mut cmd = Command::new(&psql);
    cmd.args([
        "-X",
        "-q",
        "-w",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        "127.0.0.1",
        "-p",
    ])
    .arg(port.to_string())
    .args(["-U", "postgres", "-d", "postgres", "-f", "-"]);
    // The password goes in on stdin, never on a command line others could read.
    let sql = format!(
        "set password_encryption = 'scram-sha-256';\nalter role postgres password '{password}';\n"
    );
    run_with_input(cmd, &sql)?;
    let hba = pgdata.join("pg_hba.conf");
    fs::write(&hba, HBA).map_err(io_err(&hba))?;
    let mut reload = pg_command(pg_ctl, as_postgres);
    reload.arg("reload").arg("-D").arg(pgdata);
    run(reload)?;
    tracing::warn!(
        "the private PostgreSQL cluster trusted local connections (made by an older version); it now needs the password in {}",
        password_file.display()
    );
    Ok(password)
}

/// Stops the private cluster under `data_dir`, if it runs.
pub fn stop(data_dir: &Path) -> Result<(), ClusterError> {
    let pg_ctl = find_program("pg_ctl").ok_or(ClusterError::NotInstalled)?;
    let pgdata = data_dir.join("pg");
    let as_postgres = is_root();
    let mut status = pg_command(&pg_ctl, as_postgres);
    status.arg("status").arg("-D").arg(&pgdata);
    if run(status).is_err() {
        return Ok(());
    }
    let mut stop = pg_command(&pg_ctl, as_postgres);
    stop.arg("stop")
        .arg("-D")
        .arg(&pgdata)
        .args(["-m", "fast", "-w"]);
    run(stop).map(|_| ())
}

/// Finds a PostgreSQL server program: on the PATH, else in Debian's versioned folders.
fn find_program(name: &str) -> Option<PathBuf> {
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let p = e.path().join("bin").join(name);
            p.is_file().then_some((version, p))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, p)| p)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn run(cmd: Command) -> Result<String, ClusterError> {
    run_with_input(cmd, "")
}

/// Runs a command with `input` on its stdin.
fn run_with_input(mut cmd: Command, input: &str) -> Result<String, ClusterError> {
    use std::process::Stdio;
    let shown = format!("{cmd:?}");
    let failed = |e: std::io::Error| ClusterError::Command {
        command: shown.clone(),
        output: e.to_string(),
    };
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(failed)?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).map_err(failed)?;
    }
    let output = child.wait_with_output().map_err(failed)?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(ClusterError::Command {
            command: shown,
            output: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        })
    }
}

/// Runs a server program, as `postgres` when we are root (PostgreSQL refuses to run as root).
fn pg_command(program: &Path, as_postgres: bool) -> Command {
    if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ClusterError + '_ {
    move |source| ClusterError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Makes sure the private cluster under `data_dir` exists and runs; returns the server's URL
/// (without a database name).
pub fn ensure_running(data_dir: &Path) -> Result<String, ClusterError> {
    let initdb = find_program("initdb").ok_or(ClusterError::NotInstalled)?;
    let pg_ctl = find_program("pg_ctl").ok_or(ClusterError::NotInstalled)?;
    fs::create_dir_all(data_dir).map_err(io_err(data_dir))?;
    let data_dir = data_dir.canonicalize().map_err(io_err(data_dir))?;
    let lock_path = data_dir.join("pg.lock");
    let lock = File::create(&lock_path).map_err(io_err(&lock_path))?;
    lock.lock().map_err(io_err(&lock_path))?;

    let as_postgres = is_root();
    let pgdata = data_dir.join("pg");
    let port_file = data_dir.join("pg.port");
    let password_file = data_dir.join(PASSWORD_FILE);
    let mut password = read_password(&password_file);
    if !pgdata.join("PG_VERSION").exists() {
        password = Some(write_password(&password_file, as_postgres)?);
        fs::create_dir_all(&pgdata).map_err(io_err(&pgdata))?;
        if as_postgres {
            let mut chown = Command::new("chown");
            chown.args(["-R", "postgres:postgres"]).arg(&pgdata);
            run(chown)?;
            let mut check = Command::new("runuser");
            check
                .args(["-u", "postgres", "--", "test", "-w"])
                .arg(&pgdata);
            if run(check).is_err() {
                return Err(ClusterError::Io {
                    path: pgdata.clone(),
                    source: std::io::Error::other(
                        "the postgres user cannot reach this folder; set ZHUQI_DATA_DIR to a folder it can (for example /var/tmp/zhuqi)",
                    ),
                });
            }
        }
        let initdb_cmd = |locale: &str| {
            let mut cmd = pg_command(&initdb, as_postgres);
            cmd.arg("-D")
                .arg(&pgdata)
                .args([
                    "-U",
                    "postgres",
                    "--auth-host=scram-sha-256",
                    "--auth-local=scram-sha-256",
                    "-E",
                    "UTF8",
                ])
                .arg(format!("--locale={locale}"))
                .arg(format!("--pwfile={}", password_file.display()));
            cmd
        };
        if let Err(e) = run(initdb_cmd("C.UTF-8")) {
            // C.UTF-8 is missing on some systems; plain C always exists.
            tracing::debug!(error = %e, "initdb with C.UTF-8 failed, retrying with C");
            let _ = fs::remove_dir_all(&pgdata);
            fs::create_dir_all(&pgdata).map_err(io_err(&pgdata))?;
            if as_postgres {
                let mut chown = Command::new("chown");
                chown.args(["-R", "postgres:postgres"]).arg(&pgdata);
                run(chown)?;
            }
            run(initdb_cmd("C"))?;
        }
    }

    let port: u16 = match fs::read_to_string(&port_file)
        .ok()
        .and_then(|s| s.trim().parse().ok())
    {
        Some(p) => p,
        None => {
            let listener = TcpListener::bind("127.0.0.1:0").map_err(io_err(&port_file))?;
            let port = listener.local_addr().map_err(io_err(&port_file))?.port();
            fs::write(&port_file, port.to_string()).map_err(io_err(&port_file))?;
            port
        }
    };

    let mut status = pg_command(&pg_ctl, as_postgres);
    status.arg("status").arg("-D").arg(&pgdata);
    if run(status).is_err() {
        let log = data_dir.join("pg.log");
        if as_postgres && !log.exists() {
            File::create(&log).map_err(io_err(&log))?;
            let mut chown = Command::new("chown");
            chown.arg("postgres:postgres").arg(&log);
            run(chown)?;
        }
        let mut start = pg_command(&pg_ctl, as_postgres);
        start
            .arg("start")
            .arg("-D")
            .arg(&pgdata)
            .arg("-l")
            .arg(&log)
            .arg("-w")
            .arg("-o")
            .arg(format!("-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300"));
        run(start)?;
        tracing::info!(port, "started the private PostgreSQL cluster");
    }

    let hba_path = pgdata.join("pg_hba.conf");
    let hba = fs::read_to_string(&hba_path).map_err(io_err(&hba_path))?;
    let password = if trusts_anyone(&hba) {
        secure_in_place(&pgdata, &password_file, port, as_postgres, &pg_ctl)?
    } else {
        password.ok_or(ClusterError::NoPassword {
            path: data_dir.clone(),
        })?
    };
    Ok(format!("postgres://postgres:{password}@127.0.0.1:{port}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trusting_hba_is_told_from_a_secured_one() {
        assert!(!trusts_anyone(HBA));
        assert!(trusts_anyone(
            "# comment trust\nlocal all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
        ));
        assert!(!trusts_anyone("# host all all 0.0.0.0/0 trust\n"));
    }

    #[test]
    fn passwords_are_long_and_need_no_escaping_in_a_url() {
        let p = new_password();
        assert_eq!(p.len(), 32);
        assert!(p.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(p, new_password());
    }
}
