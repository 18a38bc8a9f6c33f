//! The real `zhuqi run` binary as a child process, pointed at a fake Bot API and a test
//! database, that a test can kill (SIGKILL) and start again.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::{Child, Command};

use super::fake_bot_api::{FakeBotApi, TOKEN};

/// A running `zhuqi run`; killed when dropped.
pub struct ZhuqiProcess {
    child: Child,
    dir: PathBuf,
    database_url: String,
    api_url: String,
    /// How many times the process was started.
    pub starts: usize,
}

impl ZhuqiProcess {
    /// Starts `zhuqi run` against `api` and the database at `database_url`, in a scratch
    /// directory of its own (its log is `zhuqi.log` there).
    pub fn start(api: &FakeBotApi, database_url: &str, name: &str) -> ZhuqiProcess {
        ZhuqiProcess::start_at(&api.url(), database_url, name)
    }

    /// Starts `zhuqi run` against the Bot API at `api_url` (a proxy in front of the fake, say).
    pub fn start_at(api_url: &str, database_url: &str, name: &str) -> ZhuqiProcess {
        let dir = std::env::temp_dir().join(format!("zhuqi-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the scratch directory");
        let child = spawn(&dir, database_url, api_url, 1);
        ZhuqiProcess {
            child,
            dir,
            database_url: database_url.to_string(),
            api_url: api_url.to_string(),
            starts: 1,
        }
    }

    /// Sends SIGTERM, as systemd does, and waits up to `within` for the process to exit.
    pub async fn terminate(&mut self, within: Duration) -> std::process::ExitStatus {
        let pid = self.child.id().expect("the bot is running").to_string();
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("run kill");
        assert!(sent.success(), "SIGTERM the bot");
        tokio::time::timeout(within, self.child.wait())
            .await
            .expect("the bot exits after SIGTERM")
            .expect("wait for the bot")
    }

    /// Waits up to `within` for the process to end by itself.
    pub async fn exited(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        tokio::time::timeout(within, self.child.wait())
            .await
            .ok()
            .map(|status| status.expect("wait for the bot"))
    }

    /// Waits up to `within` until the current run's log contains `needle`.
    pub async fn wait_for_log(&self, needle: &str, within: Duration) {
        let log = self.dir.join(format!("zhuqi-{}.log", self.starts));
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if std::fs::read_to_string(&log).is_ok_and(|text| text.contains(needle)) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the log never said {needle:?}:\n{}",
                self.log_tail(20)
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Kills the process with SIGKILL (no drain, no cleanup) and waits until it is gone.
    pub async fn kill(&mut self) {
        self.child.kill().await.expect("SIGKILL the bot");
    }

    /// Starts the process again on the same database and Bot API.
    pub fn restart(&mut self) {
        self.starts += 1;
        self.child = spawn(&self.dir, &self.database_url, &self.api_url, self.starts);
    }

    /// The last `lines` lines of every run's log, to explain a failure.
    pub fn log_tail(&self, lines: usize) -> String {
        let mut out = String::new();
        for run in 1..=self.starts {
            let log = std::fs::read_to_string(self.dir.join(format!("zhuqi-{run}.log")))
                .unwrap_or_default();
            let all: Vec<&str> = log.lines().collect();
            out.push_str(&format!("--- run {run} ---\n"));
            out.push_str(&all[all.len().saturating_sub(lines)..].join("\n"));
            out.push('\n');
        }
        out
    }
}

fn spawn(dir: &std::path::Path, database_url: &str, api_url: &str, run: usize) -> Child {
    let log = std::fs::File::create(dir.join(format!("zhuqi-{run}.log"))).expect("create the log");
    let err = log.try_clone().expect("clone the log handle");
    Command::new(env!("CARGO_BIN_EXE_zhuqi"))
        .arg("run")
        .current_dir(dir)
        .env("DATABASE_URL", database_url)
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api_url)
        .env_remove("ZHUQI_CONFIG")
        .env_remove("ZHUQI_WEBHOOK_URL")
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "warn,zhuqi=info")
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(err)
        .kill_on_drop(true)
        .spawn()
        .expect("start the zhuqi binary")
}

impl Drop for ZhuqiProcess {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
