//! `s3://bucket/prefix?endpoint=https://…&region=…`: S3-compatible object
//! storage (VNG Cloud vStorage and the like), with the `rust-s3` crate,
//! path-style addressing unless `path_style=false`. Keys come from
//! `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, the endpoint and
//! region from the URL or `AWS_ENDPOINT_URL` and `AWS_REGION`. Every
//! object is written whole by one PUT, with Content-Type and
//! Cache-Control.

use std::collections::BTreeMap;

use s3::bucket::Bucket;
use s3::creds::Credentials;
use s3::error::S3Error;
use s3::region::Region;

use super::store::{Meta, Store, StoreError, join};

pub(crate) struct S3Store {
    bucket: Box<Bucket>,
    prefix: String,
    /// The manifest as the first request read it (`None` once given, or
    /// when there was none): the deploy reads it once.
    manifest: Option<Vec<u8>>,
}

fn status(e: &S3Error) -> Option<u16> {
    match e {
        S3Error::HttpFailWithBody(code, _) => Some(*code),
        _ => None,
    }
}

/// What `text` holds between `open` and `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

impl S3Store {
    pub(crate) fn open(
        bucket: &str,
        prefix: &str,
        params: &BTreeMap<String, String>,
    ) -> Result<S3Store, StoreError> {
        super::tls::process_provider();
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let endpoint = params
            .get("endpoint")
            .cloned()
            .or_else(|| env("AWS_ENDPOINT_URL_S3"))
            .or_else(|| env("AWS_ENDPOINT_URL"));
        let region_name = params
            .get("region")
            .cloned()
            .or_else(|| env("AWS_REGION"))
            .or_else(|| env("AWS_DEFAULT_REGION"))
            .unwrap_or_else(|| "us-east-1".into());
        let (Some(key), Some(secret)) = (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"))
        else {
            return Err(StoreError::NoKeys);
        };
        let token = env("AWS_SESSION_TOKEN");
        let credentials = Credentials::new(Some(&key), Some(&secret), None, token.as_deref(), None)
            .map_err(|e| StoreError::Login(e.to_string()))?;
        let region = match endpoint {
            Some(endpoint) => Region::Custom {
                region: region_name,
                endpoint: endpoint.trim_end_matches('/').to_string(),
            },
            None => region_name
                .parse::<Region>()
                .map_err(|e| StoreError::Connect(e.to_string()))?,
        };
        let mut b = Bucket::new(bucket, region, credentials).map_err(StoreError::other)?;
        if params.get("path_style").map(String::as_str) != Some("false") {
            b = b.with_path_style();
        }
        let store = S3Store {
            bucket: b,
            prefix: prefix.trim_matches('/').to_string(),
            manifest: None,
        };
        // one request now, so that a wrong endpoint, key or bucket shows
        // at once (a missing bucket answers 404, as a missing file does)
        let first = store
            .bucket
            .get_object(store.key(super::MANIFEST_ON_HOST))
            .map(|r| (r.status_code(), r.as_slice().to_vec()));
        let (code, bytes) = match first {
            Ok(answer) => answer,
            Err(S3Error::HttpFailWithBody(code, body)) => (code, body.into_bytes()),
            Err(e) => return Err(super::tls::connect_error(e.to_string())),
        };
        let body = String::from_utf8_lossy(&bytes).into_owned();
        let mut store = store;
        if (200..300).contains(&code) {
            store.manifest = Some(bytes);
        }
        // (the answer in S3's words: `HTTP 403 InvalidAccessKeyId`)
        let said = match between(&body, "<Code>", "</Code>") {
            Some(c) => format!("HTTP {code} {c}"),
            None => format!("HTTP {code}"),
        };
        match code {
            _ if body.contains("NoSuchBucket") => Err(StoreError::NoBucket(bucket.to_string())),
            200..=299 | 404 => Ok(store),
            401 | 403 => Err(StoreError::Login(said)),
            500..=599 => Err(StoreError::Server(said)),
            _ => Err(StoreError::Other(said)),
        }
    }

    fn key(&self, rel: &str) -> String {
        format!("/{}", join(&self.prefix, rel))
    }
}

impl Store for S3Store {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        if path == super::MANIFEST_ON_HOST
            && let Some(kept) = self.manifest.take()
        {
            return Ok(Some(kept));
        }
        match self.bucket.get_object(self.key(path)) {
            Ok(r) if r.status_code() == 404 => Ok(None),
            Ok(r) if (200..300).contains(&r.status_code()) => Ok(Some(r.as_slice().to_vec())),
            Ok(r) => Err(StoreError::Other(format!("GET: HTTP {}", r.status_code()))),
            Err(e) if status(&e) == Some(404) => Ok(None),
            Err(e) => Err(StoreError::other(e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8], meta: &Meta) -> Result<(), StoreError> {
        let mut headers = ureq::http::HeaderMap::new();
        headers.insert(
            ureq::http::header::CACHE_CONTROL,
            ureq::http::HeaderValue::from_static(meta.cache_control),
        );
        self.bucket
            .put_object_with_content_type_and_headers(
                self.key(path),
                bytes,
                meta.content_type,
                Some(headers),
            )
            .map_err(StoreError::other)?;
        Ok(())
    }

    fn exists(&mut self, path: &str) -> Result<bool, StoreError> {
        let key = self.key(path);
        match self.bucket.head_object(&key) {
            Ok((_, code)) if (200..300).contains(&code) => return Ok(true),
            Ok((_, 404)) => {}
            Ok((_, code)) => return Err(StoreError::Other(format!("HEAD: HTTP {code}"))),
            Err(e) if status(&e) == Some(404) => {}
            Err(e) => return Err(StoreError::other(e)),
        }
        // S3 has no folders: a "folder" is objects under its name
        let prefix = format!("{}/", key.trim_start_matches('/'));
        let (page, _) = self
            .bucket
            .list_page(prefix, Some("/".into()), None, None, Some(1))
            .map_err(StoreError::other)?;
        Ok(!page.contents.is_empty() || page.common_prefixes.is_some_and(|c| !c.is_empty()))
    }

    fn delete(&mut self, path: &str) -> Result<(), StoreError> {
        match self.bucket.delete_object(self.key(path)) {
            Ok(_) => Ok(()),
            Err(e) if status(&e) == Some(404) => Ok(()),
            Err(e) => Err(StoreError::other(e)),
        }
    }
}
