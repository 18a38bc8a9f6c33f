//! A private PostgreSQL cluster under the project's data folder, for when `DATABASE_URL` is unset:
//! created with the system's `initdb`, started with `pg_ctl` (as the `postgres` user when run as
//! root), listening on 127.0.0.1 only. Several processes may call this at once; a file lock
//! serializes them.

use std::fs::{self, File};
use std::net::TcpListener;
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

fn run(mut cmd: Command) -> Result<String, ClusterError> {
    let shown = format!("{cmd:?}");
    let output = cmd.output().map_err(|e| ClusterError::Command {
        command: shown.clone(),
        output: e.to_string(),
    })?;
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
    if !pgdata.join("PG_VERSION").exists() {
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
        let mut cmd = pg_command(&initdb, as_postgres);
        cmd.arg("-D").arg(&pgdata).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]);
        if let Err(e) = run(cmd) {
            // C.UTF-8 is missing on some systems; plain C always exists.
            tracing::debug!(error = %e, "initdb with C.UTF-8 failed, retrying with C");
            let _ = fs::remove_dir_all(&pgdata);
            fs::create_dir_all(&pgdata).map_err(io_err(&pgdata))?;
            if as_postgres {
                let mut chown = Command::new("chown");
                chown.args(["-R", "postgres:postgres"]).arg(&pgdata);
                run(chown)?;
            }
            let mut cmd = pg_command(&initdb, as_postgres);
            cmd.arg("-D").arg(&pgdata).args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
            ]);
            run(cmd)?;
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
    Ok(format!("postgres://postgres@127.0.0.1:{port}"))
}
