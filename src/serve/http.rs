//! Answering one request: the site's files from memory, with the live-reload script added to
//! every page, and the server's own endpoints under `/__episode/` (the event stream, the
//! findings of a page, the script and its stylesheet).

use std::io::Cursor;

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::events;
use super::server::Server;

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");

/// What the server adds to every page it serves (and `episode build` never writes).
const LIVE_TAGS: &str = "<link rel=\"stylesheet\" href=\"/__episode/live.css\"><script src=\"/__episode/live.js\" defer></script>";

/// Answers `request`; errors writing the answer (a closed connection) are ignored.
pub(crate) fn handle(server: &Server, request: Request) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are served\n"));
        return;
    }
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let Ok(path) = percent_decode_str(path).decode_utf8() else {
        let _ = request.respond(text(400, "the path is not valid UTF-8\n"));
        return;
    };
    match path.as_ref() {
        "/__episode/events" => {
            let events = server.clients.subscribe();
            let hello = events::format_event(
                "hello",
                &serde_json::json!({ "version": server.snapshot().version }),
            );
            let _ = events::stream(request.into_writer(), hello, &events);
        }
        "/__episode/findings" => {
            let page = query_value(query, "page").unwrap_or_default();
            let body = serde_json::to_vec(&server.findings(&page)).unwrap_or_default();
            let _ = request.respond(bytes(200, body, "application/json"));
        }
        "/__episode/live.js" => {
            let _ = request.respond(bytes(200, LIVE_JS.into(), "text/javascript; charset=utf-8"));
        }
        "/__episode/live.css" => {
            let _ = request.respond(bytes(200, LIVE_CSS.into(), "text/css; charset=utf-8"));
        }
        path => {
            let _ = request.respond(site_file(server, path));
        }
    }
}

/// The site's file at the URL path `path` (`/`, `/series/`, `/series/episode-01.html`).
fn site_file(server: &Server, path: &str) -> Response<Cursor<Vec<u8>>> {
    let mut wanted = path.trim_start_matches('/').to_owned();
    if wanted.is_empty() || wanted.ends_with('/') {
        wanted.push_str("index.html");
    }
    // The server's own files are under `/__episode/`; no page of a course is under `__`.
    if wanted
        .split('/')
        .any(|part| part == ".." || part.starts_with("__"))
    {
        return not_found(server);
    }
    match server.file(&wanted) {
        Ok(Some(file)) => page_or_file(200, &file.path, file.bytes.clone()),
        Ok(None) if !wanted.contains('.') => {
            // `/series` → `/series/`, when that is a page.
            let folder = format!("{wanted}/index.html");
            match server.file(&folder) {
                Ok(Some(_)) => redirect(&format!("/{wanted}/")),
                _ => not_found(server),
            }
        }
        Ok(None) => not_found(server),
        Err(error) => failure(&error),
    }
}

fn not_found(server: &Server) -> Response<Cursor<Vec<u8>>> {
    match server.file("404.html") {
        Ok(Some(page)) => page_or_file(404, "404.html", page.bytes.clone()),
        _ => text(404, "not found\n"),
    }
}

/// A template that failed: the error on a page that reloads itself once it is fixed.
fn failure(error: &anyhow::Error) -> Response<Cursor<Vec<u8>>> {
    let message = crate::highlight::escape(&format!("{error:#}"));
    let page = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Cannot render this page</title><body><h1>Cannot render this page</h1><pre>{message}</pre><p>Fix the template and save: this page reloads by itself.</p></body></html>"
    );
    page_or_file(500, "error.html", page.into_bytes())
}

/// A file, with the live-reload tags added when it is an HTML page.
fn page_or_file(status: u16, path: &str, mut body: Vec<u8>) -> Response<Cursor<Vec<u8>>> {
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        body = with_live_tags(&body);
    }
    bytes(status, body, kind)
}

/// `page` with [`LIVE_TAGS`] before its last `</body>` (at the end when it has none).
fn with_live_tags(page: &[u8]) -> Vec<u8> {
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + LIVE_TAGS.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(LIVE_TAGS.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `response` with the header `name: value` (left out should it not be a valid header;
/// every header this server sends is).
fn with_header(
    response: Response<Cursor<Vec<u8>>>,
    name: &str,
    value: &str,
) -> Response<Cursor<Vec<u8>>> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

fn bytes(status: u16, body: Vec<u8>, kind: &str) -> Response<Cursor<Vec<u8>>> {
    let response = Response::from_data(body).with_status_code(StatusCode(status));
    with_header(
        with_header(response, "Content-Type", kind),
        "Cache-Control",
        "no-store",
    )
}

fn text(status: u16, body: &str) -> Response<Cursor<Vec<u8>>> {
    bytes(
        status,
        body.as_bytes().to_vec(),
        "text/plain; charset=utf-8",
    )
}

fn redirect(to: &str) -> Response<Cursor<Vec<u8>>> {
    with_header(text(301, "moved\n"), "Location", to)
}

/// The value of `name` in a query string (`page=a%2Fb.html&x=1`), decoded.
fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| {
            percent_decode_str(&value.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_tags_go_before_the_last_closing_body_tag() {
        let page = with_live_tags(b"<html><body><p>`</body>` in code</p></BODY></html>");
        let page = String::from_utf8_lossy(&page);
        assert!(
            page.ends_with(&format!("{LIVE_TAGS}</BODY></html>")),
            "{page}"
        );
        assert_eq!(with_live_tags(b"x"), format!("x{LIVE_TAGS}").into_bytes());
    }

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(
            query_value("x=1&page=series%2Fep%201.html", "page").as_deref(),
            Some("series/ep 1.html")
        );
        assert_eq!(query_value("x=1", "page"), None);
    }
}
