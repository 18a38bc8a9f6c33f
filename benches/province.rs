//! Province-scale benchmark of the reports and the reminder scan: 100,000 enterprises, 10,000
//! people, 1,000,000 cases with their process record and 20,000 key projects, generated
//! set-based in a database of its own.
//!
//! ```sh
//! DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench --bench province
//! ```
//! Environment: `ZHUQI_BENCH_DB` names the database (default `zhuqi_bench_province`);
//! `ZHUQI_BENCH_REUSE=1` keeps an already generated one; `ZHUQI_BENCH_CASES` scales the data
//! (enterprises and people follow); `ZHUQI_BENCH_RUNS` sets the runs per measurement;
//! `ZHUQI_BENCH_ONLY=scan` measures the reminder scan alone, `ZHUQI_BENCH_ONLY=projects` the
//! projects board alone, `ZHUQI_BENCH_ONLY=items` the catalogue of approval items alone (5,000
//! items of four steps, added when missing), `ZHUQI_BENCH_ONLY=assess` the assessment table
//! (departments, cadres, townships) and a department head's `/team` alone.

use chrono::NaiveDate;
use sqlx::{AssertSqlSafe, PgPool};
use std::process::Command;
use std::time::{Duration, Instant};

use zhuqi::config::{Secret, Settings};
use zhuqi::reports::{self, Filter, LedgerFormat, PeriodSpec, Scope};
use zhuqi::scheduler::Scheduler;
use zhuqi::store;
#[allow(dead_code)]
#[path = "../tests/support/db.rs"]
mod db;
use db::{server_url, with_database};
use zhuqi::reports::Request;

const TODAY: &str = "2026-11-27";
const GENERATOR: &str = include_str!("province.sql");
const PROJECTS: &str = include_str!("province_projects.sql");

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("TODAY is a date")
}

fn settings(url: &str) -> Settings {
    Settings {
        database_url: Some(Secret::new(url)),
        ..Settings::default()
    }
}

/// Peak resident memory of this process, from the kernel.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn generate(pool: &PgPool, cases: u64) -> anyhow::Result<()> {
    let enterprises = (cases / 10).max(100);
    let people = (cases / 100).max(50);
    let visits = (cases * 3 / 10).max(100);
    let sql = GENERATOR
        .replace(":enterprises", &enterprises.to_string())
        .replace(":people", &people.to_string())
        .replace(":cases", &cases.to_string())
        .replace(":visits", &visits.to_string())
        .replace(":today", &format!("'{TODAY} 12:00:00+08'"));
    let mut conn = pool.acquire().await?;
    let started = Instant::now();
    // Bulk loading is faster without the secondary indexes; they are rebuilt from their own
    // definitions afterwards, so the benchmark measures the schema as migrated.
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "select indexname::text, indexdef from pg_indexes where schemaname = 'public' \
         and tablename in ('cases', 'case_events', 'report_facts', 'visits', 'enterprises', 'people') \
         and indexname not in (select conname from pg_constraint)",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (name, _) in &indexes {
        sqlx::query(AssertSqlSafe(format!("drop index \"{name}\"")))
            .execute(&mut *conn)
            .await?;
    }
    sqlx::raw_sql("set maintenance_work_mem = '256MB'; set synchronous_commit = off")
        .execute(&mut *conn)
        .await?;
    sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(&mut *conn)
        .await?;
    eprintln!("generated in {:.0} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    for (_, definition) in &indexes {
        sqlx::query(AssertSqlSafe(definition.clone()))
            .execute(&mut *conn)
            .await?;
    }
    eprintln!(
        "{} indexes rebuilt in {:.0} s",
        indexes.len(),
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    sqlx::raw_sql("vacuum analyze").execute(&mut *conn).await?;
    eprintln!("vacuum analyze in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Adds the 20,000 key projects to a ledger that has none.
async fn add_projects(pool: &PgPool) -> anyhow::Result<()> {
    let n: i64 = sqlx::query_scalar("select count(*) from projects")
        .fetch_one(pool)
        .await?;
    if n > 0 {
        return Ok(());
    }
    let started = Instant::now();
    let sql = PROJECTS.replace(":today", &format!("'{TODAY} 12:00:00+08'"));
    sqlx::raw_sql(AssertSqlSafe(sql)).execute(pool).await?;
    // The units were marked as projects by an update: clean the enterprises table again.
    for sql in [
        "vacuum analyze enterprises",
        "analyze projects",
        "analyze project_reports",
    ] {
        sqlx::raw_sql(sql).execute(pool).await?;
    }
    eprintln!("projects added in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

async fn prepare(server: &str, name: &str, cases: u64) -> anyhow::Result<String> {
    let admin = store::connect_url(&with_database(server, "postgres"), 1).await?;
    let exists: bool =
        sqlx::query_scalar("select exists(select 1 from pg_database where datname = $1)")
            .bind(name)
            .fetch_one(&admin)
            .await?;
    let url = with_database(server, name);
    let reuse = std::env::var("ZHUQI_BENCH_REUSE").is_ok_and(|v| v == "1");
    if exists && reuse {
        let pool = store::connect_url(&url, 2).await?;
        store::migrate(&pool).await?;
        let n: i64 = sqlx::query_scalar("select count(*) from cases")
            .fetch_one(&pool)
            .await?;
        if n > 0 {
            eprintln!("reusing {name} with {n} cases");
            add_projects(&pool).await?;
            return Ok(url);
        }
    }
    sqlx::query(AssertSqlSafe(format!(
        "drop database if exists \"{name}\" with (force)"
    )))
    .execute(&admin)
    .await?;
    sqlx::query(AssertSqlSafe(format!("create database \"{name}\"")))
        .execute(&admin)
        .await?;
    let pool = store::connect_url(&url, 2).await?;
    store::migrate(&pool).await?;
    generate(&pool, cases).await?;
    add_projects(&pool).await?;
    Ok(url)
}

/// In a child process: export the ledger to `path`, then print seconds, rows and peak memory.
async fn export_child(url: &str, path: &str) -> anyhow::Result<()> {
    let settings = settings(url);
    let calendar = settings.calendar()?;
    let pool = store::connect_url(url, 2).await?;
    let mut conn = pool.acquire().await?;
    let started = Instant::now();
    let rows = reports::write_export(
        &mut conn,
        &Request::new(
            Scope::County,
            PeriodSpec::ThisMonth,
            today(),
            &settings,
            &calendar,
        ),
        LedgerFormat::Xlsx,
        std::path::Path::new(path),
        "zh-CN",
        None,
    )
    .await?;
    println!(
        "{} {} {}",
        started.elapsed().as_secs_f64(),
        rows,
        peak_rss_kib().unwrap_or(0)
    );
    Ok(())
}

/// In a child process: the first reminder scan of a bot started on this ledger (10:00 on
/// `TODAY`, no scan before), then the next one a quarter of an hour later; prints, for each,
/// seconds and rows queued, then messages per leader after the first, open cases and peak
/// memory. The scheduler's own tables are emptied first, so that every run starts alike.
async fn scan_child(url: &str) -> anyhow::Result<()> {
    let settings = settings(url);
    let pool = store::connect_url(url, 2).await?;
    sqlx::raw_sql("truncate outbox, scheduler_ticks, notice_totals, notice_folded")
        .execute(&pool)
        .await?;
    let scheduler = Scheduler::new(
        pool.clone(),
        settings,
        zhuqi::domain::WorkCalendar::weekends_only(),
        "bench",
    )?;
    let first = chrono::DateTime::parse_from_rfc3339(&format!("{TODAY}T10:00:00+08:00"))?
        .with_timezone(&chrono::Utc);
    let mut out = vec![];
    for now in [first, first + chrono::TimeDelta::minutes(15)] {
        let started = Instant::now();
        let report = scheduler.run_due(now).await?;
        out.push(format!(
            "{} {}",
            started.elapsed().as_secs_f64(),
            report.queued_total()
        ));
    }
    let (leaders, to_leaders): (i64, i64) = sqlx::query_as(
        "select (select count(*) from people where 'leader' = any(roles)), \
         (select count(*) from outbox o join people p on p.id = o.recipient_id where 'leader' = any(p.roles))",
    )
    .fetch_one(&pool)
    .await?;
    let open: i64 = sqlx::query_scalar(
        "select count(*) from cases where status in ('dispatched', 'accepted', 'in_progress', 'resolved')",
    )
    .fetch_one(&pool)
    .await?;
    println!(
        "{} {} {} {}",
        out.join(" "),
        to_leaders as f64 / leaders.max(1) as f64,
        open,
        peak_rss_kib().unwrap_or(0)
    );
    Ok(())
}

/// Runs this benchmark again as a child with `args`; its one line of output, split.
fn child(args: &[&str]) -> anyhow::Result<Vec<String>> {
    let out = Command::new(std::env::current_exe()?).args(args).output()?;
    if !out.status.success() {
        anyhow::bail!("the child failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--scan-child") {
        let Some(url) = args.get(i + 1) else {
            anyhow::bail!("--scan-child URL");
        };
        return scan_child(url).await;
    }
    if let Some(i) = args.iter().position(|a| a == "--export-child") {
        let (Some(url), Some(path)) = (args.get(i + 1), args.get(i + 2)) else {
            anyhow::bail!("--export-child URL PATH");
        };
        return export_child(url, path).await;
    }
    let server = tokio::task::spawn_blocking(server_url).await?;
    let name = std::env::var("ZHUQI_BENCH_DB").unwrap_or_else(|_| "zhuqi_bench_province".into());
    let cases = env_u64("ZHUQI_BENCH_CASES", 1_000_000);
    let runs = env_u64("ZHUQI_BENCH_RUNS", 30).max(1) as usize;
    let url = prepare(&server, &name, cases).await?;
    let settings = settings(&url);
    let calendar = settings.calendar()?;
    let last_month = Request::new(
        Scope::County,
        PeriodSpec::LastMonth,
        today(),
        &settings,
        &calendar,
    );
    let pool = store::connect_url(&url, 2).await?;
    let mut conn = pool.acquire().await?;
    let counts: (i64, i64, i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from enterprises), (select count(*) from people), \
         (select count(*) from cases), (select count(*) from case_events), (select count(*) from report_facts)",
    )
    .fetch_one(&mut *conn)
    .await?;
    println!(
        "data: {} enterprises, {} people, {} cases, {} events, {} facts; today {TODAY}",
        counts.0, counts.1, counts.2, counts.3, counts.4
    );

    let mut results: Vec<(String, String)> = vec![];
    // `ZHUQI_BENCH_ONLY=items` measures the catalogue of approval items alone.
    let only = std::env::var("ZHUQI_BENCH_ONLY").unwrap_or_default();
    if only == "items" {
        approval_items(&mut conn, runs, &mut results).await?;
        print_results(results);
        return Ok(());
    }
    // `ZHUQI_BENCH_ONLY=scan` measures the reminder scan alone, `projects` the board alone.
    if only != "scan" && only != "assess" {
        results.push(projects_board(&mut conn, &settings, runs).await?);
    }
    if only == "projects" {
        print_results(results);
        return Ok(());
    }
    let reports_too = only != "scan";
    for period in [PeriodSpec::LastMonth, PeriodSpec::ThisMonth] {
        if !reports_too || only == "assess" {
            break;
        }
        let mut times = vec![];
        let mut new = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let s = reports::summary_for(&mut conn, &last_month.over(period), Filter::default())
                .await?;
            times.push(started.elapsed());
            new = s.totals.new;
        }
        results.push((
            format!("county-wide summary, {period} ({new} new cases)"),
            format!(
                "median {} (min {}, max {}) over {runs} runs",
                ms(median(times.clone())),
                ms(*times.iter().min().unwrap_or(&Duration::ZERO)),
                ms(*times.iter().max().unwrap_or(&Duration::ZERO))
            ),
        ));
    }
    if reports_too {
        let mut times = vec![];
        let mut rows = (0, 0, 0);
        for _ in 0..runs.min(10) {
            let started = Instant::now();
            let a = reports::assessment(&mut conn, &last_month).await?;
            times.push(started.elapsed());
            rows = (a.departments.len(), a.cadres.len(), a.townships.len());
        }
        results.push((
            format!(
                "assessment table, last-month ({} departments, {} cadres, {} townships)",
                rows.0, rows.1, rows.2
            ),
            format!(
                "median {} over {} runs",
                ms(median(times.clone())),
                times.len()
            ),
        ));
        results.push(team_report(&mut conn, &settings, runs.min(10)).await?);
    }
    if only == "assess" {
        print_results(results);
        return Ok(());
    }
    if reports_too {
        let mut times = vec![];
        for _ in 0..runs {
            let started = Instant::now();
            let data = reports::chart_data(&mut conn, &last_month, Filter::default()).await?;
            times.push(started.elapsed());
            std::hint::black_box(data);
        }
        results.push((
            "chart data, last-month".into(),
            format!("median {} over {runs} runs", ms(median(times))),
        ));
    }
    drop(conn);
    pool.close().await;

    let path = std::env::temp_dir().join(format!("zhuqi-bench-ledger-{}.xlsx", std::process::id()));
    let parts = if reports_too {
        child(&["--export-child", &url, &path.to_string_lossy()])?
    } else {
        vec![]
    };
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_file(&path);
    if let [secs, rows, kib] = parts.as_slice() {
        results.push((
            format!(
                "xlsx export ({rows} cases, {:.0} MB file)",
                size as f64 / 1e6
            ),
            format!(
                "{:.1} s, peak RSS {:.0} MB",
                secs.parse::<f64>().unwrap_or(0.0),
                kib.parse::<f64>().unwrap_or(0.0) / 1024.0
            ),
        ));
    }

    if let [first, first_rows, next, next_rows, per_leader, open, kib] =
        child(&["--scan-child", &url])?.as_slice()
    {
        let secs = |s: &str| s.parse::<f64>().unwrap_or(0.0);
        let open_n = secs(open).max(1.0);
        results.push((
            format!("first reminder scan of a new bot ({open} open cases)"),
            format!(
                "{:.2} s, {first_rows} rows queued, {} messages per leader; peak RSS {:.0} MB",
                secs(first),
                per_leader,
                secs(kib) / 1024.0
            ),
        ));
        results.push((
            format!("next reminder scan, 15 minutes later ({open} open cases)"),
            format!(
                "{:.2} s ({:.2} s per 100,000 open cases), {next_rows} rows queued",
                secs(next),
                secs(next) * 100_000.0 / open_n
            ),
        ));
    }

    print_results(results);
    Ok(())
}

fn print_results(results: Vec<(String, String)>) {
    println!("| measurement | result |\n| --- | --- |");
    for (what, result) in results {
        println!("| {what} | {result} |");
    }
}

/// `/team` for the head of the department with the most cadres: the county's assessment of last
/// month, then that department's cadres with their visits, cases, confirmations and silences.
async fn team_report(
    conn: &mut sqlx::PgConnection,
    settings: &Settings,
    runs: usize,
) -> anyhow::Result<(String, String)> {
    let calendar = zhuqi::domain::WorkCalendar::weekends_only();
    let department: i64 = sqlx::query_scalar(
        "select department_id from people where 'cadre' = any(roles) and department_id is not null \
         group by department_id order by count(*) desc, department_id limit 1",
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut times = vec![];
    let mut cadres = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let team = reports::team::team(
            conn,
            &Request::new(
                Scope::County,
                PeriodSpec::LastMonth,
                today(),
                settings,
                &calendar,
            ),
            &[department],
        )
        .await?;
        let text = reports::team::render_team("zh-CN", &team);
        times.push(started.elapsed());
        cadres = team.rows.len();
        std::hint::black_box(text);
    }
    Ok((
        format!("/team for one department head, last-month ({cadres} cadres)"),
        format!("median {} over {runs} runs", ms(median(times))),
    ))
}

/// The `/projects` board: every figure and list it shows, county-wide.
async fn projects_board(
    conn: &mut sqlx::PgConnection,
    settings: &Settings,
    runs: usize,
) -> anyhow::Result<(String, String)> {
    let calendar = zhuqi::domain::WorkCalendar::weekends_only();
    let mut times = vec![];
    let mut shown = (0, 0);
    for _ in 0..runs {
        let started = Instant::now();
        let board = reports::projects::board(conn, today(), settings, &calendar).await?;
        let text = reports::projects::render_board("zh-CN", &board);
        times.push(started.elapsed());
        shown = (board.county.projects, board.county.behind);
        std::hint::black_box(text);
    }
    Ok((
        format!(
            "projects board ({} projects, {} behind schedule)",
            shown.0, shown.1
        ),
        format!(
            "median {} (min {}, max {}) over {runs} runs",
            ms(median(times.clone())),
            ms(*times.iter().min().unwrap_or(&Duration::ZERO)),
            ms(*times.iter().max().unwrap_or(&Duration::ZERO))
        ),
    ))
}

/// The province's catalogue: `ITEMS` approval items of four steps each, spread over the
/// departments (added once, to a ledger that has fewer).
const ITEMS: i64 = 5000;

const CATALOGUE: &str = "\
insert into approval_items (code, name, department_id, kind, legal_basis, materials, keywords, \
    statutory_days, promised_days, is_demo) \
select 'PX-' || lpad(n::text, 5, '0'), \
    (array['建设工程规划许可证核发', '建筑工程施工许可', '公路超限运输许可', '企业投资项目备案', \
           '食品经营许可', '排污许可', '取水许可', '林木采伐许可'])[1 + n % 8] || '（' || n || '）', \
    d.id, case when n % 3 = 0 then 'social' else 'administrative' end, \
    '《示例条例》第' || (n % 90 + 1) || '条', '申请书；营业执照；材料' || n, \
    array['关键词' || n, '许可'], 20, 12, true \
from generate_series(1, $1) n \
join lateral (select id from departments order by id offset (n % (select count(*) from departments)) limit 1) d on true \
on conflict on constraint approval_items_code_key do nothing; \
insert into approval_steps (item_id, seq, name, days) \
select i.id, s.seq, (array['受理', '审查', '决定', '送达'])[s.seq], (array[1, 6, 4, 1])[s.seq] \
from approval_items i cross join generate_series(1, 4) as s(seq) \
where i.code like 'PX-%' \
on conflict on constraint approval_steps_item_seq_key do nothing";

/// Item searches in chat (`/items`), and the proposal of an item from a report's words.
async fn approval_items(
    conn: &mut sqlx::PgConnection,
    runs: usize,
    results: &mut Vec<(String, String)>,
) -> anyhow::Result<()> {
    let have: i64 = sqlx::query_scalar("select count(*) from approval_items")
        .fetch_one(&mut *conn)
        .await?;
    if have < ITEMS {
        let started = Instant::now();
        for statement in CATALOGUE.split("; ") {
            let q = sqlx::query(AssertSqlSafe(statement.to_string()));
            let q = if statement.contains("$1") {
                q.bind(ITEMS)
            } else {
                q
            };
            q.execute(&mut *conn).await?;
        }
        sqlx::raw_sql("analyze approval_items; analyze approval_steps")
            .execute(&mut *conn)
            .await?;
        eprintln!(
            "catalogue added in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let items: i64 = sqlx::query_scalar("select count(*) from approval_items")
        .fetch_one(&mut *conn)
        .await?;
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for (what, search) in [
        ("a common word (许可), first page", words(&["许可"])),
        (
            "two words, one match (关键词4321 许可)",
            words(&["关键词4321", "许可"]),
        ),
        ("no match (火箭)", words(&["火箭"])),
        ("no words (the catalogue's first page)", vec![]),
    ] {
        let mut times = vec![];
        let mut total = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let (_, n) = store::approval::search(conn, &search, 0, 5).await?;
            times.push(started.elapsed());
            total = n;
        }
        results.push((
            format!("/items search in {items} approval items: {what}, {total} found"),
            spread(times, runs),
        ));
    }
    let report = "车队大件运输需办理公路超限运输许可，材料交了一周还没受理";
    let mut times = vec![];
    for _ in 0..runs {
        let started = Instant::now();
        store::approval::proposed(conn, report, None, 1).await?;
        times.push(started.elapsed());
    }
    results.push((
        format!("the item proposed from a report's words, {items} items"),
        spread(times, runs),
    ));
    Ok(())
}

fn spread(mut times: Vec<Duration>, runs: usize) -> String {
    times.sort();
    let (min, max) = (times[0], times[times.len() - 1]);
    format!(
        "median {} (min {}, max {}) over {runs} runs",
        ms(median(times)),
        ms(min),
        ms(max)
    )
}
