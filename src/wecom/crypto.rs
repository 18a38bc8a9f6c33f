//! WeCom's callback crypto (`WXBizMsgCrypt`): the message signature is the SHA-1 of the sorted
//! token, timestamp, nonce and ciphertext; the payload is AES-256-CBC with the key
//! `base64(EncodingAESKey + "=")`, the IV its first 16 bytes, PKCS#7 padding to 32 bytes, and
//! the plaintext laid out as `random(16) | length(4, big-endian) | message | receive id`.

use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit, block_padding::NoPadding};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use base64::engine::{GeneralPurpose, GeneralPurposeConfig};
use sha1::{Digest, Sha1};

type Encryptor = cbc::Encryptor<aes::Aes256>;
type Decryptor = cbc::Decryptor<aes::Aes256>;

/// The EncodingAESKey's last character carries bits beyond the key's 32 bytes, which WeCom's
/// own samples ignore.
const KEY_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

/// WeCom pads to 32 bytes, not to the AES block.
const PAD_TO: usize = 32;

/// Why a callback could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("the EncodingAESKey is not 43 characters of base64")]
    BadKey,
    #[error("the message signature does not match")]
    BadSignature,
    #[error("the ciphertext is not valid base64 or not whole blocks")]
    BadCiphertext,
    #[error("the decrypted payload is malformed")]
    BadPayload,
    #[error("the payload is meant for another corporation ({0})")]
    WrongReceiver(String),
}

/// The keys of one WeCom application: its token, AES key and corp id (the receive id).
#[derive(Clone)]
pub struct Crypto {
    token: String,
    key: [u8; 32],
    receive_id: String,
}

impl std::fmt::Debug for Crypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Crypto")
            .field("receive_id", &self.receive_id)
            .finish_non_exhaustive()
    }
}

/// The message signature WeCom sends as `msg_signature`.
pub fn signature(token: &str, timestamp: &str, nonce: &str, encrypted: &str) -> String {
    let mut parts = [token, timestamp, nonce, encrypted];
    parts.sort_unstable();
    let digest = Sha1::digest(parts.concat().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Crypto {
    pub fn new(
        token: &str,
        encoding_aes_key: &str,
        receive_id: &str,
    ) -> Result<Crypto, CryptoError> {
        if encoding_aes_key.len() != 43 {
            return Err(CryptoError::BadKey);
        }
        let bytes = KEY_BASE64
            .decode(format!("{encoding_aes_key}="))
            .map_err(|_| CryptoError::BadKey)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| CryptoError::BadKey)?;
        Ok(Crypto {
            token: token.to_string(),
            key,
            receive_id: receive_id.to_string(),
        })
    }

    pub fn sign(&self, timestamp: &str, nonce: &str, encrypted: &str) -> String {
        signature(&self.token, timestamp, nonce, encrypted)
    }

    /// Checks the signature (in constant time) and decrypts; the receive id must be ours.
    pub fn open(
        &self,
        msg_signature: &str,
        timestamp: &str,
        nonce: &str,
        encrypted: &str,
    ) -> Result<String, CryptoError> {
        let expected = self.sign(timestamp, nonce, encrypted);
        let given = msg_signature.to_ascii_lowercase();
        let same = expected.len() == given.len()
            && expected
                .bytes()
                .zip(given.bytes())
                .fold(0u8, |acc, (x, y)| acc | (x ^ y))
                == 0;
        if !same {
            return Err(CryptoError::BadSignature);
        }
        self.decrypt(encrypted)
    }

    /// Decrypts a payload and checks that it is meant for this corporation.
    pub fn decrypt(&self, encrypted: &str) -> Result<String, CryptoError> {
        let mut data = STANDARD
            .decode(encrypted.trim())
            .map_err(|_| CryptoError::BadCiphertext)?;
        if data.is_empty() || data.len() % 16 != 0 {
            return Err(CryptoError::BadCiphertext);
        }
        let plain = Decryptor::new(&self.key.into(), self.key[..16].into())
            .decrypt_padded_mut::<NoPadding>(&mut data)
            .map_err(|_| CryptoError::BadCiphertext)?;
        let pad = usize::from(*plain.last().ok_or(CryptoError::BadPayload)?);
        if pad == 0 || pad > PAD_TO || pad > plain.len() {
            return Err(CryptoError::BadPayload);
        }
        let plain = &plain[..plain.len() - pad];
        if plain.len() < 20 {
            return Err(CryptoError::BadPayload);
        }
        let len = u32::from_be_bytes([plain[16], plain[17], plain[18], plain[19]]) as usize;
        let rest = &plain[20..];
        if len > rest.len() {
            return Err(CryptoError::BadPayload);
        }
        let (message, receive_id) = rest.split_at(len);
        if receive_id != self.receive_id.as_bytes() {
            return Err(CryptoError::WrongReceiver(
                String::from_utf8_lossy(receive_id).into_owned(),
            ));
        }
        String::from_utf8(message.to_vec()).map_err(|_| CryptoError::BadPayload)
    }

    /// Encrypts a message as WeCom does, with these 16 random bytes in front.
    pub fn encrypt(&self, random: [u8; 16], message: &str) -> String {
        let mut plain = Vec::with_capacity(20 + message.len() + self.receive_id.len() + PAD_TO);
        plain.extend_from_slice(&random);
        plain.extend_from_slice(&(message.len() as u32).to_be_bytes());
        plain.extend_from_slice(message.as_bytes());
        plain.extend_from_slice(self.receive_id.as_bytes());
        let pad = PAD_TO - plain.len() % PAD_TO;
        plain.extend(std::iter::repeat_n(pad as u8, pad));
        let len = plain.len();
        let cipher = Encryptor::new(&self.key.into(), self.key[..16].into())
            .encrypt_padded_mut::<NoPadding>(&mut plain, len)
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        STANDARD.encode(cipher)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tampered_ciphertext_is_refused_and_a_sealed_message_opens_again() {
        let c = Crypto::new("t", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "corp").unwrap();
        let sealed = c.encrypt([7; 16], "<xml>你好</xml>");
        let sig = c.sign("1", "2", &sealed);
        assert_eq!(c.open(&sig, "1", "2", &sealed).unwrap(), "<xml>你好</xml>");
        assert_eq!(
            c.open(&sig, "1", "3", &sealed),
            Err(CryptoError::BadSignature)
        );
        let other =
            Crypto::new("t", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "else").unwrap();
        assert!(matches!(
            other.decrypt(&sealed),
            Err(CryptoError::WrongReceiver(_))
        ));
        assert_eq!(c.decrypt("not base64!"), Err(CryptoError::BadCiphertext));
        assert_eq!(
            Crypto::new("t", "short", "corp").err(),
            Some(CryptoError::BadKey)
        );
    }
}
