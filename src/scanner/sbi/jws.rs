//! JWS compact serialization as SBI uses it (RFC 7515): a header with
//! `"alg":"RS256"` and the device's certificate in `x5c`, the payload, and
//! an RSA PKCS#1 v1.5 signature over SHA-256 of `header.payload`.
//!
//! A device that is not registered sends its info unsigned — the payload
//! alone, or a token with an empty signature; [`read`] says which it got,
//! and the caller decides (a live desk refuses an unsigned device).

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::sha2::Sha256;
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use x509_cert::der::{Decode, Encode};

/// What a token said and whether its signature held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token's payload, decoded.
    pub payload: Vec<u8>,
    /// The signing certificate's subject, when the token was signed and
    /// its signature verified against that certificate.
    pub signer: Option<String>,
    /// SHA-256 of that certificate (DER).
    pub certificate: Option<[u8; 32]>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
/// Why a signed token cannot be used.
pub enum JwsError {
    #[error("not a signed token (JWS): {0}")]
    /// Not three base64url parts, or a part that does not decode.
    Malformed(String),
    #[error("the signature algorithm {0:?} is not RS256")]
    /// A signature algorithm other than RS256.
    Algorithm(String),
    #[error("the signing certificate cannot be read: {0}")]
    /// The certificate in the header cannot be read.
    Certificate(String),
    #[error("the signature does not match the device's certificate")]
    /// The signature does not verify with the certificate's key.
    BadSignature,
    #[error("the key cannot sign: {0}")]
    /// The device's key cannot sign.
    Key(String),
}

/// base64url with or without padding (devices send both), or standard
/// base64 (some send that too).
pub fn b64_decode(text: &str) -> Option<Vec<u8>> {
    let trimmed = text.trim().trim_end_matches('=');
    URL_SAFE_NO_PAD
        .decode(trimmed)
        .ok()
        .or_else(|| STANDARD.decode(text.trim()).ok())
}

/// base64url without padding, as JWS writes it.
pub fn b64_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Reads a token: `header.payload.signature` (verified), `header.payload.`
/// or the bare base64url payload (unsigned).
pub fn read(token: &str) -> Result<Token, JwsError> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    let malformed = |what: &str| JwsError::Malformed(what.to_string());
    match parts.as_slice() {
        [payload] => Ok(Token {
            payload: b64_decode(payload).ok_or_else(|| malformed("payload"))?,
            signer: None,
            certificate: None,
        }),
        [_, payload, ""] => Ok(Token {
            payload: b64_decode(payload).ok_or_else(|| malformed("payload"))?,
            signer: None,
            certificate: None,
        }),
        [header, payload, signature] => {
            let header_json = b64_decode(header).ok_or_else(|| malformed("header"))?;
            let header_value: serde_json::Value =
                serde_json::from_slice(&header_json).map_err(|e| malformed(&e.to_string()))?;
            let alg = header_value["alg"].as_str().unwrap_or_default();
            if alg != "RS256" {
                return Err(JwsError::Algorithm(alg.to_string()));
            }
            let cert_b64 = match &header_value["x5c"] {
                serde_json::Value::Array(chain) => chain.first().and_then(|c| c.as_str()),
                serde_json::Value::String(one) => Some(one.as_str()),
                _ => None,
            }
            .ok_or_else(|| JwsError::Certificate("no x5c".into()))?;
            let cert_der =
                b64_decode(cert_b64).ok_or_else(|| JwsError::Certificate("x5c".into()))?;
            let (key, subject) = certificate_key(&cert_der)?;
            let signature_bytes = b64_decode(signature).ok_or_else(|| malformed("signature"))?;
            let signature = Signature::try_from(signature_bytes.as_slice())
                .map_err(|_| JwsError::BadSignature)?;
            let signed = format!("{header}.{payload}");
            VerifyingKey::<Sha256>::new(key)
                .verify(signed.as_bytes(), &signature)
                .map_err(|_| JwsError::BadSignature)?;
            Ok(Token {
                payload: b64_decode(payload).ok_or_else(|| malformed("payload"))?,
                signer: Some(subject),
                certificate: Some(certificate_digest(&cert_der)),
            })
        }
        _ => Err(malformed("parts")),
    }
}

/// SHA-256 of a certificate (DER): how the desk pins a device.
pub fn certificate_digest(der: &[u8]) -> [u8; 32] {
    use rsa::sha2::Digest;
    Sha256::digest(der).into()
}

/// The DER bytes of a PEM certificate.
pub fn pem_certificate(pem: &str) -> Option<Vec<u8>> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body.trim()).ok()
}

/// The RSA key and the subject of a DER certificate.
fn certificate_key(der: &[u8]) -> Result<(rsa::RsaPublicKey, String), JwsError> {
    let bad = |e: String| JwsError::Certificate(e);
    let cert = x509_cert::Certificate::from_der(der).map_err(|e| bad(e.to_string()))?;
    let spki = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| bad(e.to_string()))?;
    let key = rsa::RsaPublicKey::from_public_key_der(&spki).map_err(|e| bad(e.to_string()))?;
    Ok((key, cert.tbs_certificate.subject.to_string()))
}

/// A signer: an RSA key (PKCS#8 PEM) and its certificate (PEM).
pub struct DeviceKey {
    key: SigningKey<Sha256>,
    cert_b64: String,
}

impl std::fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceKey(..)")
    }
}

impl DeviceKey {
    /// A signing key from its PKCS#8 PEM and its certificate's PEM.
    pub fn from_pem(key_pem: &str, cert_pem: &str) -> Result<Self, JwsError> {
        let key = rsa::RsaPrivateKey::from_pkcs8_pem(key_pem)
            .map_err(|e| JwsError::Key(e.to_string()))?;
        let der = pem_certificate(cert_pem)
            .ok_or_else(|| JwsError::Certificate("not a PEM certificate".into()))?;
        certificate_key(&der)?;
        Ok(DeviceKey {
            key: SigningKey::<Sha256>::new(key),
            cert_b64: STANDARD.encode(der),
        })
    }

    /// `header.payload.signature`.
    pub fn sign(&self, payload: &[u8]) -> String {
        let header = serde_json::json!({ "alg": "RS256", "typ": "JWT", "x5c": [self.cert_b64] });
        let signed = format!(
            "{}.{}",
            b64_encode(header.to_string().as_bytes()),
            b64_encode(payload)
        );
        let signature = self.key.sign(signed.as_bytes());
        format!("{signed}.{}", b64_encode(&signature.to_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Option<DeviceKey> {
        DeviceKey::from_pem(
            include_str!("../../../assets/training-keys/sbi-device-demo.key"),
            include_str!("../../../assets/training-keys/sbi-device-demo.crt"),
        )
        .ok()
    }

    #[test]
    fn a_signed_token_verifies_and_names_its_signer_a_changed_one_does_not() {
        let Some(key) = demo() else {
            panic!("the demonstration key");
        };
        let token = key.sign(br#"{"deviceStatus":"Ready"}"#);
        let read_back = read(&token);
        assert!(
            read_back.as_ref().is_ok_and(|t| t
                .signer
                .as_deref()
                .is_some_and(|s| s.contains("DEMONSTRATION"))),
            "{read_back:?}"
        );
        // The payload changed, the signature kept.
        let parts: Vec<&str> = token.split('.').collect();
        let forged = format!(
            "{}.{}.{}",
            parts[0],
            b64_encode(br#"{"deviceStatus":"Busy"}"#),
            parts[2]
        );
        assert_eq!(read(&forged), Err(JwsError::BadSignature));
        // Unsigned forms are read, and said to be unsigned.
        let bare = b64_encode(b"{}");
        assert_eq!(read(&bare).map(|t| t.signer), Ok(None));
        assert_eq!(
            read(&format!("{}.{bare}.", parts[0])).map(|t| t.signer),
            Ok(None)
        );
        assert!(matches!(read("a.b.c.d"), Err(JwsError::Malformed(_))));
    }

    #[test]
    fn padded_unpadded_and_standard_base64_are_all_read() {
        let bytes = b"\xfb\xff\x00ISO";
        let url = b64_encode(bytes);
        assert_eq!(b64_decode(&url).as_deref(), Some(&bytes[..]));
        assert_eq!(b64_decode(&format!("{url}=")).as_deref(), Some(&bytes[..]));
        assert_eq!(
            b64_decode(&STANDARD.encode(bytes)).as_deref(),
            Some(&bytes[..])
        );
    }
}
