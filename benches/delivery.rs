//! Delivery benchmark: the bot (as `zhuqi run` builds it) against a fake Bot API on 127.0.0.1
//! that enforces Telegram's limits (30 messages/s, 1 message/s per chat, 20/min per group).
//!
//! ```sh
//! DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench --bench delivery
//! ```
//! Measures processing (updates committed per second), delivery (messages per second, share of
//! 30/s, answers 429), fairness (a bound person's command answered while a burst and a stranger
//! flood drain) and CPU and memory per update. Each phase stops after `ZHUQI_BENCH_PHASE_SECS`
//! (default 300) whether or not its work drained, and says so.

#[allow(dead_code)]
#[path = "../tests/support/db.rs"]
mod db;
#[allow(dead_code)]
#[path = "../tests/support/fake_bot_api.rs"]
mod fake_bot_api;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::PgPool;

use db::TestDb;
use fake_bot_api::{FakeBotApi, Limits, TOKEN, TgUser};
use zhuqi::config::{Secret, Settings};
use zhuqi::domain::WorkCalendar;
use zhuqi::telegram::Options;

/// Bound cadres of the 200-chat phases are users 1..=200, of the 1,000-chat phase 201..=1200,
/// the fairness probes 1201..=1220; strangers start at 900,000.
const BASE: i64 = 700_000_000;
const PROBES: i64 = 20;

fn phase_limit() -> Duration {
    Duration::from_secs(
        std::env::var("ZHUQI_BENCH_PHASE_SECS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300),
    )
}

/// `ZHUQI_BENCH_ONLY=idle`: only the idle memory of `zhuqi run`. `ZHUQI_BENCH_ONLY=processing`:
/// the first phase until its updates are committed, not delivered (to profile intake alone).
fn only(phase: &str) -> bool {
    std::env::var("ZHUQI_BENCH_ONLY").is_ok_and(|v| v == phase)
}

/// User and system CPU time of this process so far (bot, fake Bot API and load generator).
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// User and system CPU time of every PostgreSQL process on this machine so far (its backends
/// serve the bot's queries): what the database spends on the load, beside the process's own.
/// Backends that ended are not counted, so it is read while the bot's pool is open.
fn postgres_cpu() -> Duration {
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let mut total = 0.0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid … utime stime: fields 14 and 15, counted after the comm.
        let Some((head, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        if !head.ends_with("(postgres") {
            continue;
        }
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let time = |i: usize| {
            fields
                .get(i)
                .and_then(|f| f.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        total += time(11) + time(12);
    }
    Duration::from_secs_f64(total / ticks)
}

/// Resident memory of this process now, in MiB.
fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))?
                .split_whitespace()
                .nth(1)?
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// What `/proc/PID/status` says of a process's resident memory, in MiB: all of it, the part
/// only it holds (anonymous: heap and stacks) and the part mapped from files (its code).
fn resident(pid: u32) -> (f64, f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .map_or(f64::NAN, |kib| kib / 1024.0)
    };
    (field("VmRSS:"), field("RssAnon:"), field("RssFile:"))
}

/// The bot as people run it: the `zhuqi run` binary of this build, against its own fake Bot
/// API and the bench's database, idle once it polls. Returns its resident memory after
/// `ZHUQI_BENCH_IDLE_SECS` (default 10) of waiting for messages, then stops it.
async fn idle_binary(db_url: &str) -> Option<(f64, f64, f64)> {
    let api = FakeBotApi::start().await;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_zhuqi"))
        .arg("run")
        .env("DATABASE_URL", db_url)
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api.url())
        .env("RUST_LOG", "warn")
        .kill_on_drop(true)
        .spawn()
        .ok()?;
    let started = Instant::now();
    while !api.calls().iter().any(|c| c.method == "getupdates") {
        if started.elapsed() > Duration::from_secs(60) || child.try_wait().ok()?.is_some() {
            eprintln!("`zhuqi run` did not start polling within 60 s");
            return None;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let idle = std::env::var("ZHUQI_BENCH_IDLE_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    tokio::time::sleep(Duration::from_secs(idle)).await;
    let memory = resident(child.id()?);
    // SAFETY: kill only signals the child this function started.
    unsafe { libc::kill(child.id()? as libc::pid_t, libc::SIGTERM) };
    let _ = tokio::time::timeout(Duration::from_secs(30), child.wait()).await;
    Some(memory)
}

async fn seed(pool: &PgPool, cadres: i64) {
    sqlx::query("insert into townships (code, name) values ('T1', '马召镇')")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into people (code, name, roles) \
         select 'C' || i, '干部' || i, '{cadre}' from generate_series(1, $1) i",
    )
    .bind(cadres)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into enterprises (code, name, township_id, cadre_id) \
         select 'E' || substr(p.code, 2), '企业' || substr(p.code, 2), t.id, p.id \
         from people p, townships t",
    )
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into messenger_accounts (person_id, transport, user_id, chat_id) \
         select id, 'telegram', $1 + substr(code, 2)::bigint, $1 + substr(code, 2)::bigint \
         from people",
    )
    .bind(BASE)
    .execute(pool)
    .await
    .unwrap();
}

/// Updates with ids in `ids` whose effect is committed (the inbox marks them handled).
async fn handled(pool: &PgPool, first: i64, last: i64) -> i64 {
    sqlx::query_scalar(
        "select count(*) from inbox where transport = 'telegram' and handled_at is not null \
         and update_id between $1 and $2",
    )
    .bind(first)
    .bind(last)
    .fetch_one(pool)
    .await
    .unwrap_or(0)
}

/// Waits (within the phase limit) until no stored update is left unhandled, so that one phase's
/// backlog does not count in the next; returns how many were still left.
async fn settle(pool: &PgPool) -> i64 {
    let deadline = Instant::now() + phase_limit();
    loop {
        let left: i64 = sqlx::query_scalar(
            "select count(*) from inbox where transport = 'telegram' and handled_at is null",
        )
        .fetch_one(pool)
        .await
        .unwrap_or(0);
        if left == 0 || Instant::now() >= deadline {
            return left;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

struct Load {
    updates: usize,
    /// Seconds until every update was committed, or `None` if the phase ran out of time.
    processed_in: Option<f64>,
    processed: i64,
    messages: usize,
    /// Seconds from the first to the last message of the phase.
    delivery_span: f64,
    delivered_all: bool,
    too_many: usize,
    cpu: Duration,
    /// PostgreSQL's CPU until every update was committed.
    db_cpu: Duration,
    /// This process's CPU until every update was committed.
    processing_cpu: Duration,
    peak_rss: f64,
}

/// Queues `per_chat` `/my` commands from each of `chats` at once, then waits for every update to
/// be committed and for one answer per update.
async fn burst(api: &FakeBotApi, pool: &PgPool, chats: &[i64], per_chat: usize) -> Load {
    let cpu0 = cpu_time();
    let db_cpu0 = postgres_cpu();
    let mut db_cpu = Duration::ZERO;
    let mut processing_cpu = Duration::ZERO;
    let too_many0 = api.too_many_requests();
    let start = Instant::now();
    let mut ids = vec![];
    for _ in 0..per_chat {
        for &chat in chats {
            ids.push(api.push_text(&TgUser::private(chat), "/my"));
        }
    }
    let (first, last) = (ids[0], ids[ids.len() - 1]);
    let wanted: HashSet<i64> = chats.iter().copied().collect();
    let expected = chats.len() * per_chat;
    let deadline = start + phase_limit();
    let mut processed_in = None;
    let mut processed = 0;
    let mut peak_rss: f64 = 0.0;
    let (messages, delivered_all) = loop {
        peak_rss = peak_rss.max(rss_mib());
        if processed_in.is_none() {
            processed = handled(pool, first, last).await;
            if processed as usize >= expected {
                processed_in = Some(start.elapsed().as_secs_f64());
                db_cpu = postgres_cpu().saturating_sub(db_cpu0);
                processing_cpu = cpu_time() - cpu0;
            }
        }
        let sent: Vec<_> = api
            .messages()
            .into_iter()
            .filter(|c| c.at >= start && c.chat_id.is_some_and(|id| wanted.contains(&id)))
            .collect();
        let done = (sent.len() >= expected || only("processing")) && processed_in.is_some();
        if done || Instant::now() >= deadline {
            break (sent, done);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let delivery_span = match (messages.first(), messages.last()) {
        (Some(a), Some(b)) => b.at.duration_since(a.at).as_secs_f64(),
        _ => 0.0,
    };
    Load {
        updates: expected,
        processed_in,
        processed,
        messages: messages.len(),
        delivery_span,
        delivered_all,
        too_many: api.too_many_requests() - too_many0,
        cpu: cpu_time() - cpu0,
        db_cpu,
        processing_cpu,
        peak_rss,
    }
}

fn print_load(name: &str, load: &Load) {
    let processing = match load.processed_in {
        Some(s) => format!(
            "{:.0} updates/s ({} in {s:.1} s)",
            load.updates as f64 / s,
            load.updates
        ),
        None => format!(
            "unfinished: {} of {} after {} s",
            load.processed,
            load.updates,
            phase_limit().as_secs()
        ),
    };
    let rate = if load.delivery_span > 0.0 {
        load.messages as f64 / load.delivery_span
    } else {
        0.0
    };
    println!("| {name} | processing | {processing} |");
    println!(
        "| {name} | delivery | {rate:.1} messages/s ({:.0}% of 30/s), {} messages{}, {} answers 429 |",
        rate / 30.0 * 100.0,
        load.messages,
        if load.delivered_all {
            ""
        } else {
            " (unfinished)"
        },
        load.too_many
    );
    println!(
        "| {name} | CPU per update | {:.2} ms (process total {:.1} s over {} committed updates) |",
        load.cpu.as_secs_f64() * 1000.0 / load.processed.max(1) as f64,
        load.cpu.as_secs_f64(),
        load.processed
    );
    if load.processed_in.is_some() {
        let per = |d: Duration| d.as_secs_f64() * 1000.0 / load.updates as f64;
        println!(
            "| {name} | CPU per update until committed | {:.2} ms in the process, {:.2} ms in PostgreSQL |",
            per(load.processing_cpu),
            per(load.db_cpu)
        );
    }
    println!(
        "| {name} | resident memory | peak {:.1} MiB |",
        load.peak_rss
    );
}

/// A 4,000-update burst and a stranger flood, and meanwhile one probe command a second from
/// bound people who had been quiet: the probes' answer latencies.
async fn fairness(api: &FakeBotApi, chats: &[i64]) -> (Vec<Duration>, usize, usize) {
    let too_many0 = api.too_many_requests();
    for _ in 0..20 {
        for &chat in chats {
            api.push_text(&TgUser::private(chat), "/my");
        }
    }
    for round in 0..15 {
        for s in 0..17 {
            api.push_text(&TgUser::private(900_000 + s), &format!("在吗 {round}"));
        }
    }
    let mut probes = vec![];
    for p in 0..PROBES {
        tokio::time::sleep(Duration::from_secs(1)).await;
        probes.push(api.push_text(&TgUser::private(BASE + 1201 + p), "/help"));
    }
    let deadline = Instant::now() + phase_limit();
    let mut latencies;
    loop {
        latencies = probes
            .iter()
            .filter_map(|id| api.answer_latency(*id))
            .collect::<Vec<_>>();
        if latencies.len() == probes.len() || Instant::now() >= deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    latencies.sort();
    (latencies, probes.len(), api.too_many_requests() - too_many0)
}

fn print_binary(binary: Option<(f64, f64, f64)>) {
    match binary {
        Some((rss, anon, file)) => println!(
            "| idle | resident memory of `zhuqi run` | {rss:.1} MiB: {anon:.1} MiB its own (heap, stacks), {file:.1} MiB mapped from its binary and libraries |"
        ),
        None => {
            println!("| idle | resident memory of `zhuqi run` | not measured: it did not start |")
        }
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let db = TestDb::new().await;
    seed(&db.pool, 1200 + PROBES).await;
    let binary = idle_binary(&db.url).await;
    if only("idle") {
        print_binary(binary);
        return;
    }
    let api = FakeBotApi::start_enforcing(Limits::default()).await;
    let mut settings = Settings::default();
    settings.telegram.token = Some(Secret::new(TOKEN));
    settings.telegram.api_url = Some(api.url());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let bot = tokio::spawn(zhuqi::telegram::launch(
        db.pool.clone(),
        Arc::new(settings),
        Arc::new(WorkCalendar::weekends_only()),
        Options::default(),
        async move {
            let _ = stopped.await;
        },
    ));
    // Started: the command menu is registered and the first poll is open.
    while !api.calls().iter().any(|c| c.method == "getupdates") {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle_before = rss_mib();
    let cpu_idle0 = cpu_time();
    tokio::time::sleep(Duration::from_secs(5)).await;
    let idle_cpu = (cpu_time() - cpu_idle0).as_secs_f64() / 5.0 * 100.0;

    let chats_200: Vec<i64> = (1..=200).map(|i| BASE + i).collect();
    let chats_1000: Vec<i64> = (201..=1200).map(|i| BASE + i).collect();
    let a = burst(&api, &db.pool, &chats_200, 20).await;
    if only("processing") {
        print_load("200 chats × 20 /my", &a);
        return;
    }
    let left_a = settle(&db.pool).await;
    let b = burst(&api, &db.pool, &chats_1000, 1).await;
    let left_b = settle(&db.pool).await;
    let (latencies, probes, fair_429) = fairness(&api, &chats_200).await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let idle_after = rss_mib();

    println!();
    println!("| phase | measure | result |");
    println!("| --- | --- | --- |");
    print_load("200 chats × 20 /my", &a);
    if left_a > 0 {
        println!(
            "| 200 chats × 20 /my | backlog | {left_a} updates still unhandled when the next phase began |"
        );
    }
    print_load("1,000 chats × 1 /my", &b);
    if left_b > 0 {
        println!(
            "| 1,000 chats × 1 /my | backlog | {left_b} updates still unhandled when the next phase began |"
        );
    }
    let p99 = latencies
        .get((latencies.len() * 99).div_ceil(100).saturating_sub(1))
        .map_or("none answered".to_string(), |d| {
            format!("{:.2} s", d.as_secs_f64())
        });
    let median = latencies
        .get(latencies.len() / 2)
        .map_or("—".to_string(), |d| format!("{:.2} s", d.as_secs_f64()));
    println!(
        "| fairness: 4,000 /my + 255 stranger messages | a bound person's /help | p99 {p99}, median {median}, {} of {probes} answered, {fair_429} answers 429 |",
        latencies.len()
    );
    println!(
        "| idle | resident memory of this bench process (bot, fake Bot API, load) | {idle_before:.1} MiB before the load, {idle_after:.1} MiB after; CPU {idle_cpu:.1}% of a core |"
    );
    print_binary(binary);

    let _ = stop.send(());
    match tokio::time::timeout(Duration::from_secs(30), bot).await {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(e))) => eprintln!("the bot stopped with an error: {e:#}"),
        Ok(Err(e)) => eprintln!("the bot task failed: {e}"),
        Err(_) => eprintln!("the bot did not drain within 30 s"),
    }
}
