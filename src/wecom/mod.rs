//! The WeCom (企业微信 / 政务微信) transport: a self-built application's callback URL in (each
//! callback stored in the inbox before WeCom is answered), replies written to the outbox with
//! the callback's effect and sent by the outbox sender through `message/send`. No business
//! rules: the engine is the same one Telegram and the console speak to.

pub mod api;
pub mod callback;
pub mod crypto;
pub mod limits;
pub mod messenger;
mod receive;
pub mod render;
mod worker;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::Settings;
use crate::conversation::{Engine, InputHandler};
use crate::domain::WorkCalendar;
use crate::messenger::Messenger;
use crate::shutdown::Shutdown;
use crate::store::PgPool;

pub use crypto::Crypto;
pub use messenger::{WecomMessenger, classify};

/// The transport code stored with inbox rows and accounts.
pub const TRANSPORT: &str = "wecom";

/// How the transport runs; the defaults suit production, tests shorten the waits.
pub struct Options {
    /// Listen here instead of `settings.wecom.callback_listen`.
    pub listener: Option<TcpListener>,
    /// How often the inbox is looked at for callbacks left by a restart.
    pub rescan_every: Duration,
    /// The longest wait while the database is unreachable.
    pub max_backoff: Duration,
    /// Attempts at a callback that keeps failing before it is given up.
    pub max_attempts: i32,
    /// Waiting callbacks a chat may have; beyond this the newest are dropped, and the member
    /// told.
    pub chat_cap: i64,
    pub clock: Clock,
    /// Whether this process runs the scheduled jobs (off in tests that run them themselves).
    pub schedule: bool,
    /// Handles each input; the conversation engine unless a test puts something else here.
    pub handler: Option<Arc<dyn InputHandler>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            listener: None,
            rescan_every: Duration::from_secs(2),
            max_backoff: Duration::from_secs(30),
            max_attempts: 3,
            chat_cap: 30,
            clock: Clock::system(),
            schedule: true,
            handler: None,
        }
    }
}

/// What the receiver and the worker share.
pub(crate) struct Ctx {
    pub pool: PgPool,
    pub settings: Arc<Settings>,
    pub handler: Arc<dyn InputHandler>,
    pub crypto: Crypto,
    pub wake: Notify,
    pub rescan_every: Duration,
    pub max_backoff: Duration,
    pub max_attempts: i32,
    pub chat_cap: i64,
    pub clock: Clock,
}

/// The WeCom side of a running bot: its messenger (for the one outbox sender) and its tasks.
pub struct Running {
    pub messenger: WecomMessenger,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    /// Waits for the receiver and the worker to finish after shutdown.
    pub async fn join(self) {
        for task in self.tasks {
            if let Err(e) = task.await {
                tracing::error!(error = %e, "a WeCom task stopped abnormally");
            }
        }
    }
}

/// What the operator is told of a WeCom setting that stops the transport from starting
/// (`start-wecom-missing`, `start-wecom-bad-key`), in the command line's language.
pub(crate) fn setting_said(locale: &str, key: &str, setting: &str) -> String {
    crate::i18n::plain(
        locale,
        key,
        crate::i18n::Args::new().str("setting", setting),
    )
}

/// The callback crypto of the configured application.
pub fn crypto(settings: &Settings) -> anyhow::Result<Crypto> {
    let w = &settings.wecom;
    let locale = &settings.default_locale;
    let missing = |setting| setting_said(locale, "start-wecom-missing", setting);
    let corp_id = w
        .corp_id
        .as_deref()
        .with_context(|| missing("wecom.corp_id"))?;
    let token = w
        .token
        .as_ref()
        .with_context(|| missing("ZHUQI_WECOM_TOKEN"))?;
    let key = w
        .encoding_aes_key
        .as_ref()
        .with_context(|| missing("ZHUQI_WECOM_AES_KEY"))?;
    Crypto::new(token.expose(), key.expose(), corp_id)
        .with_context(|| setting_said(locale, "start-wecom-bad-key", "ZHUQI_WECOM_AES_KEY"))
}

/// Binds the configured group robots and app chats to their departments.
async fn bind_groups(pool: &PgPool, settings: &Settings, clock: &Clock) -> anyhow::Result<()> {
    for g in &settings.wecom.groups {
        let (id, title) = match &g.appchat {
            Some(chat) => (format!("appchat:{chat}"), format!("appchat {chat}")),
            None => (format!("robot:{}", g.department), "robot".to_string()),
        };
        if !crate::store::wecom::bind_group(pool, &id, &g.department, &title, clock.now()).await? {
            tracing::warn!(department = %g.department, "a WeCom group names a department the roster does not have");
        }
    }
    Ok(())
}

/// Starts the callback server and the worker; the caller runs the scheduler with the returned
/// messenger beside any other transport's.
pub async fn start(
    pool: PgPool,
    settings: Arc<Settings>,
    handler: Arc<dyn InputHandler>,
    options: Options,
    shutdown: Shutdown,
) -> anyhow::Result<Running> {
    let crypto = crypto(&settings)?;
    let messenger = WecomMessenger::new(
        &settings.wecom,
        pool.clone(),
        options.clock.clone(),
        &settings.default_locale,
    )?;
    bind_groups(&pool, &settings, &options.clock).await?;
    let listener = match options.listener {
        Some(l) => l,
        None => TcpListener::bind(settings.wecom.callback_listen)
            .await
            .with_context(|| {
                crate::i18n::plain(
                    &settings.default_locale,
                    "start-listen-failed",
                    crate::i18n::Args::new()
                        .str("address", settings.wecom.callback_listen.to_string()),
                )
            })?,
    };
    let ctx = Arc::new(Ctx {
        pool,
        settings: settings.clone(),
        handler,
        crypto,
        wake: Notify::new(),
        rescan_every: options.rescan_every,
        max_backoff: options.max_backoff,
        max_attempts: options.max_attempts.max(1),
        chat_cap: options.chat_cap.max(1),
        clock: options.clock,
    });
    let path = settings.wecom.callback_path.clone();
    let served = {
        let (ctx, shutdown) = (ctx.clone(), shutdown.clone());
        tokio::spawn(async move {
            if let Err(e) = receive::serve(ctx, &path, listener, shutdown).await {
                tracing::error!(error = %e, "the WeCom callback server stopped");
            }
        })
    };
    let worker = tokio::spawn(worker::run(ctx, shutdown));
    tracing::info!("serving WeCom callbacks");
    Ok(Running {
        messenger,
        tasks: vec![served, worker],
    })
}

/// Runs the bot on WeCom alone until `shutdown` completes.
pub async fn launch(
    pool: PgPool,
    settings: Arc<Settings>,
    calendar: Arc<WorkCalendar>,
    options: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let shutdown = Shutdown::on(shutdown);
    let clock = options.clock.clone();
    let schedule = options.schedule;
    let handler = match options.handler.clone() {
        Some(h) => h,
        None => Arc::new(Engine::new(settings.clone(), calendar.clone())),
    };
    let running = start(
        pool.clone(),
        settings.clone(),
        handler,
        options,
        shutdown.clone(),
    )
    .await?;
    let messengers = vec![Arc::new(running.messenger.clone()) as Arc<dyn Messenger>];
    let background = crate::scheduler::start_background(
        pool, settings, calendar, messengers, clock, schedule, shutdown,
    );
    running.join().await;
    for task in background {
        if let Err(e) = task.await {
            tracing::error!(error = %e, "a background task stopped abnormally");
        }
    }
    Ok(())
}
