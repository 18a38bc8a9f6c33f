//! Fetching a file someone sent, for the ledger's own copy: getFile for its path and size, then
//! the download (both through the one rate limiter's global share).

use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::FileId;
use teloxide::{ApiError, RequestError};

use super::limiter::Call;
use super::messenger::TelegramMessenger;
use crate::messenger::FetchError;

/// The largest file the Bot API lets a bot download (20 MB).
const BOT_API_DOWNLOAD_LIMIT: u64 = 20 * 1024 * 1024;

impl TelegramMessenger {
    /// The bytes of the file `file_id`, if it is at most `max_bytes` long.
    pub async fn fetch(&self, file_id: &str, max_bytes: u64) -> Result<Vec<u8>, FetchError> {
        let max_bytes = max_bytes.min(BOT_API_DOWNLOAD_LIMIT);
        let file = self
            .call(Call::Global, || {
                self.bot()
                    .get_file(FileId(file_id.to_string()))
                    .into_future()
            })
            .await
            .map_err(|e| fetch_error(&e))?;
        if u64::from(file.meta.size) > max_bytes {
            return Err(FetchError::TooLarge);
        }
        let mut bytes: Vec<u8> = Vec::with_capacity(file.meta.size as usize);
        self.bot()
            .download_file(&file.path, &mut bytes)
            .await
            .map_err(|e| FetchError::Transient(e.to_string()))?;
        if bytes.len() as u64 > max_bytes {
            return Err(FetchError::TooLarge);
        }
        Ok(bytes)
    }
}

fn fetch_error(e: &RequestError) -> FetchError {
    match e {
        RequestError::Api(
            ApiError::WrongFileId | ApiError::FileIdInvalid | ApiError::WrongFileIdOrUrl,
        ) => FetchError::Gone(e.to_string()),
        RequestError::Api(ApiError::Unknown(text)) => {
            let lower = text.to_ascii_lowercase();
            if lower.contains("file is too big") {
                FetchError::TooLarge
            } else if lower.contains("file") && lower.contains("not found")
                || lower.contains("wrong file")
                || lower.contains("invalid file")
            {
                FetchError::Gone(text.clone())
            } else {
                FetchError::Transient(text.clone())
            }
        }
        other => FetchError::Transient(other.to_string()),
    }
}
