//! Files in a stored message (the weekly chart in the outbox) as one base64 string, not a JSON
//! array of numbers; rows stored as an array before still read back.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Deserializer, Serializer};

pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&STANDARD.encode(bytes))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Stored {
    Base64(String),
    Numbers(Vec<u8>),
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    match Stored::deserialize(d)? {
        Stored::Base64(text) => STANDARD.decode(text).map_err(serde::de::Error::custom),
        Stored::Numbers(bytes) => Ok(bytes),
    }
}

#[cfg(test)]
mod tests {
    use crate::message::OutFile;

    #[test]
    fn a_file_is_stored_as_base64_and_an_old_array_still_reads() {
        let file = OutFile {
            name: "chart.png".into(),
            bytes: vec![0, 1, 2, 250, 255],
        };
        let json = serde_json::to_value(&file).unwrap();
        assert_eq!(json["bytes"], serde_json::json!("AAEC+v8="));
        assert_eq!(serde_json::from_value::<OutFile>(json).unwrap(), file);
        let old = serde_json::json!({"name": "chart.png", "bytes": [0, 1, 2, 250, 255]});
        assert_eq!(serde_json::from_value::<OutFile>(old).unwrap(), file);
    }
}
