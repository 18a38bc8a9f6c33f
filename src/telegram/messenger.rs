//! Outbound Telegram: every Bot API call the bot makes (getUpdates aside) goes through here and
//! through the one rate limiter, and every failure is classified for the caller.

use std::future::Future;
use std::sync::Arc;

use teloxide::payloads::{
    AnswerCallbackQuerySetters, EditMessageTextSetters, SendDocumentSetters, SendMessageSetters,
    SendPhotoSetters, SendVoiceSetters, SetMyCommandsSetters, SetWebhookSetters,
};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, CallbackQueryId, FileId, InlineKeyboardButton,
    InlineKeyboardMarkup, InputFile, InputMedia, InputMediaPhoto, MessageId, ParseMode, Recipient,
};
use teloxide::{ApiError, RequestError};

use super::limiter::{Call, Limiter};
use super::split::{MESSAGE_LIMIT_UTF16, split_message};
use crate::message::{
    Button, MenuCommand, OutFile, PRESS_NOTICE_MAX, Reply, StoredFile, StoredKind,
};
use crate::messenger::{AnswerFuture, DeliveryError, FetchFuture, Messenger, SendFuture, SentId};

/// Which command menu `set_commands` sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuScope {
    /// The menu of every chat that has none of its own.
    Default,
    /// One chat's menu.
    Chat(i64),
}

/// Sends replies to Telegram chats, within Telegram's limits.
#[derive(Clone)]
pub struct TelegramMessenger {
    bot: Bot,
    limiter: Arc<Limiter>,
}

/// What Telegram's answer means for the caller.
pub fn classify(e: &RequestError) -> DeliveryError {
    match e {
        RequestError::RetryAfter(s) => DeliveryError::RetryAfter(s.duration()),
        RequestError::MigrateToChatId(id) => DeliveryError::Migrated(id.0),
        RequestError::Api(api) if is_permanent(api) => DeliveryError::Permanent(api.to_string()),
        other => DeliveryError::Transient(other.to_string()),
    }
}

fn is_permanent(e: &ApiError) -> bool {
    match e {
        ApiError::BotBlocked
        | ApiError::UserDeactivated
        | ApiError::BotKicked
        | ApiError::BotKickedFromSupergroup
        | ApiError::BotKickedFromChannel
        | ApiError::CantInitiateConversation
        | ApiError::ChatNotFound
        | ApiError::UserNotFound => true,
        ApiError::Unknown(text) => {
            let text = text.to_ascii_lowercase();
            text.contains("chat not found")
                || text.contains("bot was blocked")
                || text.contains("user is deactivated")
                || text.contains("bot was kicked")
        }
        _ => false,
    }
}

/// Telegram's limit for a photo or document caption, in UTF-16 code units.
const CAPTION_LIMIT_UTF16: usize = 1024;

fn keyboard(buttons: &[Vec<Button>]) -> Option<InlineKeyboardMarkup> {
    if buttons.iter().all(Vec::is_empty) {
        return None;
    }
    Some(InlineKeyboardMarkup::new(buttons.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.data.clone()))
            .collect::<Vec<_>>()
    })))
}

/// Photos in one album message, at most (Telegram's limit).
const ALBUM_LIMIT: usize = 10;

fn stored_input(file: &StoredFile) -> InputFile {
    InputFile::file_id(FileId(file.file_id.clone()))
}

fn input_file(file: &OutFile) -> InputFile {
    InputFile::memory(file.bytes.clone()).file_name(file.name.clone())
}

enum Media<'a> {
    Photo(&'a OutFile),
    Document(&'a OutFile),
}

impl TelegramMessenger {
    pub fn new(bot: Bot, limiter: Arc<Limiter>) -> TelegramMessenger {
        TelegramMessenger { bot, limiter }
    }

    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    /// Makes one Bot API call inside the rate limiter; a 429 holds back later calls.
    pub(super) async fn call<T, Fut>(
        &self,
        call: Call,
        request: impl FnOnce() -> Fut,
    ) -> Result<T, RequestError>
    where
        Fut: Future<Output = Result<T, RequestError>>,
    {
        let permit = self.limiter.acquire(call).await;
        let result = request().await;
        if let Err(RequestError::RetryAfter(wait)) = &result {
            permit.retry_after(wait.duration());
        }
        result
    }

    /// Sends (or, with `edit_message_id`, edits) a reply; returns the id of the last message.
    pub async fn send_reply(&self, chat_id: i64, reply: &Reply) -> Result<SentId, DeliveryError> {
        if let Some(commands) = &reply.commands {
            // A menu, not a message: the chat's own command menu (no message id to give).
            return self
                .set_commands(commands, MenuScope::Chat(chat_id), None)
                .await
                .map(|()| 0);
        }
        self.deliver(chat_id, reply).await.map_err(|e| classify(&e))
    }

    async fn deliver(&self, chat_id: i64, reply: &Reply) -> Result<SentId, RequestError> {
        let markup = keyboard(&reply.buttons);
        let mut parts = split_message(&reply.text, MESSAGE_LIMIT_UTF16);
        let mut media: Vec<Media> = vec![];
        media.extend(reply.photo.as_ref().map(Media::Photo));
        media.extend(reply.document.as_ref().map(Media::Document));
        let mut last: Option<SentId> = None;

        if !media.is_empty() {
            let caption = (parts.len() == 1
                && parts[0].encode_utf16().count() <= CAPTION_LIMIT_UTF16)
                .then(|| parts.remove(0));
            let count = media.len();
            for (i, m) in media.into_iter().enumerate() {
                let is_last = i + 1 == count && parts.is_empty();
                let caption = if is_last { caption.clone() } else { None };
                let markup = if is_last { markup.clone() } else { None };
                last = Some(self.send_media(chat_id, m, caption, markup).await?);
            }
        } else if let Some(message_id) = reply.edit_message_id
            && !parts.is_empty()
        {
            let text = parts.remove(0);
            let markup = if parts.is_empty() {
                markup.clone()
            } else {
                None
            };
            match self.edit(chat_id, message_id, &text, markup.clone()).await {
                Ok(id) => last = Some(id),
                Err(RequestError::Api(
                    ApiError::MessageToEditNotFound | ApiError::MessageCantBeEdited,
                )) => last = Some(self.send_text(chat_id, &text, markup).await?),
                Err(e) => return Err(e),
            }
        }

        let count = parts.len();
        for (i, part) in parts.iter().enumerate() {
            let markup = if i + 1 == count { markup.clone() } else { None };
            last = Some(self.send_text(chat_id, part, markup).await?);
        }
        if !reply.stored.is_empty() {
            last = Some(self.send_stored(chat_id, &reply.stored).await?);
        }
        match last {
            Some(id) => Ok(id),
            None => {
                tracing::warn!(chat_id, "an empty reply was not sent");
                Ok(0)
            }
        }
    }

    async fn send_text(
        &self,
        chat_id: i64,
        text: &str,
        markup: Option<InlineKeyboardMarkup>,
    ) -> Result<SentId, RequestError> {
        let message = self
            .call(Call::Message { chat_id }, || {
                let mut request = self
                    .bot
                    .send_message(ChatId(chat_id), text)
                    .parse_mode(ParseMode::Html);
                if let Some(markup) = markup {
                    request = request.reply_markup(markup);
                }
                request.into_future()
            })
            .await?;
        Ok(i64::from(message.id.0))
    }

    async fn edit(
        &self,
        chat_id: i64,
        message_id: i64,
        text: &str,
        markup: Option<InlineKeyboardMarkup>,
    ) -> Result<SentId, RequestError> {
        let id = MessageId(i32::try_from(message_id).unwrap_or(i32::MAX));
        let result = self
            .call(Call::Message { chat_id }, || {
                let mut request = self
                    .bot
                    .edit_message_text(ChatId(chat_id), id, text)
                    .parse_mode(ParseMode::Html);
                if let Some(markup) = markup {
                    request = request.reply_markup(markup);
                }
                request.into_future()
            })
            .await;
        match result {
            Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(message_id),
            Err(e) => Err(e),
        }
    }

    async fn send_media(
        &self,
        chat_id: i64,
        media: Media<'_>,
        caption: Option<String>,
        markup: Option<InlineKeyboardMarkup>,
    ) -> Result<SentId, RequestError> {
        let message = self
            .call(Call::Message { chat_id }, || async {
                match media {
                    Media::Photo(file) => {
                        let mut request = self.bot.send_photo(ChatId(chat_id), input_file(file));
                        if let Some(caption) = caption {
                            request = request.caption(caption).parse_mode(ParseMode::Html);
                        }
                        if let Some(markup) = markup {
                            request = request.reply_markup(markup);
                        }
                        request.await
                    }
                    Media::Document(file) => {
                        let mut request = self.bot.send_document(ChatId(chat_id), input_file(file));
                        if let Some(caption) = caption {
                            request = request.caption(caption).parse_mode(ParseMode::Html);
                        }
                        if let Some(markup) = markup {
                            request = request.reply_markup(markup);
                        }
                        request.await
                    }
                }
            })
            .await?;
        Ok(i64::from(message.id.0))
    }

    /// Files Telegram already holds, by file id: photos as albums (2 to 10 a message, one alone
    /// as a photo), documents and voice notes each as itself. Returns the last message's id.
    async fn send_stored(
        &self,
        chat_id: i64,
        files: &[StoredFile],
    ) -> Result<SentId, RequestError> {
        let mut last = 0;
        let photos: Vec<&StoredFile> = files
            .iter()
            .filter(|f| f.kind == StoredKind::Photo)
            .collect();
        for album in photos.chunks(ALBUM_LIMIT) {
            last = if let [one] = album {
                let file = stored_input(one);
                let message = self
                    .call(Call::Message { chat_id }, || {
                        let mut request = self.bot.send_photo(ChatId(chat_id), file);
                        if let Some(caption) = &one.caption {
                            request = request.caption(caption.clone()).parse_mode(ParseMode::Html);
                        }
                        request.into_future()
                    })
                    .await?;
                i64::from(message.id.0)
            } else {
                let media: Vec<InputMedia> = album
                    .iter()
                    .map(|f| {
                        let mut photo = InputMediaPhoto::new(stored_input(f));
                        if let Some(caption) = &f.caption {
                            photo = photo.caption(caption.clone()).parse_mode(ParseMode::Html);
                        }
                        InputMedia::Photo(photo)
                    })
                    .collect();
                let messages = self
                    .call(Call::Message { chat_id }, || {
                        self.bot
                            .send_media_group(ChatId(chat_id), media)
                            .into_future()
                    })
                    .await?;
                messages.last().map_or(last, |m| i64::from(m.id.0))
            };
        }
        for f in files.iter().filter(|f| f.kind != StoredKind::Photo) {
            let file = stored_input(f);
            let id = self
                .call(Call::Message { chat_id }, || async {
                    let caption = f.caption.clone();
                    let message = if f.kind == StoredKind::Voice {
                        let mut request = self.bot.send_voice(ChatId(chat_id), file);
                        if let Some(caption) = caption {
                            request = request.caption(caption).parse_mode(ParseMode::Html);
                        }
                        request.await?
                    } else {
                        let mut request = self.bot.send_document(ChatId(chat_id), file);
                        if let Some(caption) = caption {
                            request = request.caption(caption).parse_mode(ParseMode::Html);
                        }
                        request.await?
                    };
                    Ok(message)
                })
                .await?;
            last = i64::from(id.id.0);
        }
        Ok(last)
    }

    /// The bot's username, from getMe. A token Telegram does not know (401, or 404 for a token
    /// that is not a token) is a permanent error: asking again will not help.
    pub async fn get_me(&self) -> Result<String, DeliveryError> {
        let me = self
            .call(Call::Global, || self.bot.get_me().into_future())
            .await
            .map_err(|e| match e {
                RequestError::Api(ApiError::InvalidToken) => {
                    DeliveryError::Permanent(ApiError::InvalidToken.to_string())
                }
                other => classify(&other),
            })?;
        Ok(me.user.username.clone().unwrap_or_default())
    }

    /// Answers a button press (stops the client's spinner), with an optional short notice.
    pub async fn answer_callback(
        &self,
        chat_id: i64,
        query_id: &str,
        text: Option<&str>,
    ) -> Result<(), DeliveryError> {
        self.call(Call::AboutChat { chat_id }, || {
            let mut request = self
                .bot
                .answer_callback_query(CallbackQueryId(query_id.to_string()));
            if let Some(text) = text {
                request = request.text(callback_notice(text));
            }
            request.into_future()
        })
        .await
        .map(|_| ())
        .map_err(|e| classify(&e))
    }

    /// Registers a command menu: the default one (for everyone, or one language), or one
    /// chat's (a bound person's private chat: the commands of their roles, in their language).
    pub async fn set_commands(
        &self,
        commands: &[MenuCommand],
        scope: MenuScope,
        language_code: Option<&str>,
    ) -> Result<(), DeliveryError> {
        let commands: Vec<BotCommand> = commands
            .iter()
            .map(|c| BotCommand::new(c.name.clone(), c.description.clone()))
            .collect();
        let (call, scope) = match scope {
            MenuScope::Default => (Call::Global, BotCommandScope::Default),
            MenuScope::Chat(chat_id) => (
                Call::AboutChat { chat_id },
                BotCommandScope::Chat {
                    chat_id: Recipient::Id(ChatId(chat_id)),
                },
            ),
        };
        self.call(call, || {
            let mut request = self.bot.set_my_commands(commands).scope(scope.clone());
            if let Some(code) = language_code {
                request = request.language_code(code);
            }
            request.into_future()
        })
        .await
        .map(|_| ())
        .map_err(|e| classify(&e))
    }

    /// Tells Telegram to post updates to `url` with the secret header.
    pub async fn set_webhook(&self, url: url::Url, secret: &str) -> Result<(), DeliveryError> {
        self.call(Call::Global, || {
            self.bot
                .set_webhook(url)
                .secret_token(secret.to_string())
                .into_future()
        })
        .await
        .map(|_| ())
        .map_err(|e| classify(&e))
    }

    /// Stops webhook delivery so that long polling may start; pending updates are kept.
    pub async fn delete_webhook(&self) -> Result<(), DeliveryError> {
        self.call(Call::Global, || self.bot.delete_webhook().into_future())
            .await
            .map(|_| ())
            .map_err(|e| classify(&e))
    }
}

impl Messenger for TelegramMessenger {
    fn transport(&self) -> &'static str {
        "telegram"
    }

    fn send<'a>(&'a self, chat_id: i64, reply: &'a Reply) -> SendFuture<'a> {
        Box::pin(self.send_reply(chat_id, reply))
    }

    fn answer<'a>(
        &'a self,
        chat_id: i64,
        query_id: &'a str,
        text: Option<&'a str>,
    ) -> AnswerFuture<'a> {
        Box::pin(self.answer_callback(chat_id, query_id, text))
    }

    fn fetch_file<'a>(&'a self, file_id: &'a str, max_bytes: u64) -> FetchFuture<'a> {
        Box::pin(self.fetch(file_id, max_bytes))
    }
}

/// Telegram shows at most 200 characters of a button press's notice and refuses a longer one
/// (the spinner would keep turning): a longer notice is cut, with an ellipsis.
pub(crate) fn callback_notice(text: &str) -> String {
    if text.chars().count() <= PRESS_NOTICE_MAX {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(PRESS_NOTICE_MAX - 1).collect();
    cut.push('…');
    cut
}
