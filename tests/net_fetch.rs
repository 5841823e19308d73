//! Fetching over HTTP against a server the test starts on 127.0.0.1: what a
//! page brings back, conditional requests, and every way a server can be
//! wrong (errors, redirect loops, slowness, size, gzip bombs), one line each
//! naming the URL.

mod http_support;

use std::sync::Mutex;
use std::time::Duration;

use barg::net::{self, Body, Fetch, Fetched, Status};
use http_support::{Reply, Server};

fn fresh(fetched: Fetched) -> Body {
    match fetched.status {
        Status::Fresh(body) => body,
        Status::NotModified => panic!("304 where a body was expected"),
    }
}

fn error(url: &str, opts: &Fetch) -> String {
    match net::fetch(url, opts) {
        Ok(fetched) => panic!("{url} fetched: {:?}", fetched.final_url),
        Err(e) => e.to_string(),
    }
}

const PAGE: &str = "<html><head><title>خبر</title></head><body><p>سلام</p></body></html>";

#[test]
fn a_200_brings_the_body_its_media_type_and_charset() {
    let server = Server::start();
    server.serve(
        "/news/1",
        Reply::ok(PAGE)
            .header("Content-Type", "Text/HTML; charset=windows-1256")
            .header("ETag", "\"v1\"")
            .header("Last-Modified", "Wed, 21 Oct 2026 07:28:00 GMT"),
    );
    let url = server.url("/news/1");
    let fetched = net::fetch(&url, &Fetch::page()).expect("fetched");
    assert_eq!(fetched.final_url, url);
    assert_eq!(
        fresh(fetched),
        Body {
            bytes: PAGE.as_bytes().to_vec(),
            content_type: Some("text/html".into()),
            charset: Some("windows-1256".into()),
            etag: Some("\"v1\"".into()),
            last_modified: Some("Wed, 21 Oct 2026 07:28:00 GMT".into()),
        }
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(
        requests[0].header("user-agent"),
        Some(concat!("barg/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(requests[0].header("accept"), Some(net::ACCEPT_PAGE));
    assert_eq!(requests[0].header("if-none-match"), None);
    assert_eq!(requests[0].header("cookie"), None);
}

#[test]
fn a_gzip_body_arrives_inflated() {
    let server = Server::start();
    server.serve("/z", Reply::gzip(PAGE.as_bytes()));
    let body = fresh(net::fetch(&server.url("/z"), &Fetch::page()).expect("fetched"));
    assert_eq!(body.bytes, PAGE.as_bytes());
    assert!(
        server.requests()[0]
            .header("accept-encoding")
            .is_some_and(|e| e.contains("gzip"))
    );
}

/// A server that answers 304 when the request carries `header: value`.
fn conditional(server: &Server, path: &str, header: &'static str, value: &'static str) {
    let name = if header == "if-none-match" {
        "ETag"
    } else {
        "Last-Modified"
    };
    server.route(path, move |request| {
        if request.header(header) == Some(value) {
            Reply::status(304)
        } else {
            Reply::ok("<rss/>")
                .header("Content-Type", "application/rss+xml")
                .header(name, value)
        }
    });
}

#[test]
fn the_second_fetch_with_the_etag_is_not_modified() {
    let server = Server::start();
    conditional(&server, "/feed", "if-none-match", "W/\"abc\"");
    let url = server.url("/feed");
    let first = fresh(net::fetch(&url, &Fetch::feed()).expect("first"));
    assert_eq!(first.etag.as_deref(), Some("W/\"abc\""));
    let again = Fetch {
        etag: first.etag,
        ..Fetch::feed()
    };
    let second = net::fetch(&url, &again).expect("second");
    assert_eq!(second.status, Status::NotModified);
    assert_eq!(second.final_url, url);
    let requests = server.requests_for("/feed");
    assert_eq!(requests[0].header("if-none-match"), None);
    assert_eq!(requests[1].header("if-none-match"), Some("W/\"abc\""));
    assert_eq!(requests[1].header("accept"), Some(net::ACCEPT_FEED));
}

#[test]
fn the_second_fetch_with_last_modified_is_not_modified() {
    let server = Server::start();
    let date = "Sat, 01 Aug 2026 10:00:00 GMT";
    conditional(&server, "/feed", "if-modified-since", date);
    let url = server.url("/feed");
    let first = fresh(net::fetch(&url, &Fetch::feed()).expect("first"));
    assert_eq!(first.last_modified.as_deref(), Some(date));
    let again = Fetch {
        last_modified: first.last_modified,
        ..Fetch::feed()
    };
    assert_eq!(
        net::fetch(&url, &again).expect("second").status,
        Status::NotModified
    );
    assert_eq!(
        server.requests_for("/feed")[1].header("if-modified-since"),
        Some(date)
    );
}

#[test]
fn a_404_and_a_500_are_one_line_naming_the_url_and_the_status() {
    let server = Server::start();
    server.serve("/broken", Reply::status(500));
    let missing = server.url("/missing");
    assert_eq!(
        error(&missing, &Fetch::page()),
        format!("cannot fetch {missing}: the server answered 404 Not Found")
    );
    let broken = server.url("/broken");
    assert_eq!(
        error(&broken, &Fetch::page()),
        format!("cannot fetch {broken}: the server answered 500 Internal Server Error")
    );
}

#[test]
fn redirects_are_followed_to_the_final_url() {
    let server = Server::start();
    server.serve("/old", Reply::redirect("/moved/here"));
    server.serve("/moved/here", Reply::redirect("there?x=1"));
    server.serve("/moved/there", Reply::ok(PAGE));
    let fetched = net::fetch(&server.url("/old"), &Fetch::page()).expect("fetched");
    assert_eq!(fetched.final_url, server.url("/moved/there?x=1"));
    assert_eq!(fresh(fetched).bytes, PAGE.as_bytes());
}

#[test]
fn a_redirect_loop_is_refused_naming_the_url() {
    let server = Server::start();
    server.serve("/a", Reply::redirect("/b"));
    server.serve("/b", Reply::redirect("/a"));
    let url = server.url("/a");
    assert_eq!(
        error(&url, &Fetch::page()),
        format!("cannot fetch {url}: it redirects in a loop (back to {url})")
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn more_redirects_than_the_cap_are_refused() {
    let server = Server::start();
    for hop in 0..10 {
        server.serve(
            &format!("/{hop}"),
            Reply::redirect(&format!("/{}", hop + 1)),
        );
    }
    let url = server.url("/0");
    let opts = Fetch {
        max_redirects: 3,
        ..Fetch::page()
    };
    assert_eq!(
        error(&url, &opts),
        format!("cannot fetch {url}: more than 3 redirects")
    );
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn a_redirect_to_a_file_url_is_refused() {
    let server = Server::start();
    server.serve("/sneaky", Reply::redirect("file:///etc/passwd"));
    let url = server.url("/sneaky");
    let message = error(&url, &Fetch::page());
    assert!(message.starts_with(&format!("cannot fetch {url}: it redirects to a bad URL")));
    assert!(message.contains("only http and https"), "{message}");
}

#[test]
fn a_slow_server_runs_into_the_timeout() {
    let server = Server::start();
    server.serve("/slow", Reply::ok(PAGE).delay(Duration::from_secs(5)));
    let url = server.url("/slow");
    let opts = Fetch {
        timeout: Duration::from_secs(1),
        ..Fetch::page()
    };
    assert_eq!(
        error(&url, &opts),
        format!("cannot fetch {url}: no full answer within 1 s")
    );
}

#[test]
fn a_body_over_the_cap_is_refused_whether_declared_or_not() {
    let server = Server::start();
    server.serve("/endless", Reply::endless());
    server.serve(
        "/gigabyte",
        Reply::endless().header("Content-Length", "1073741824"),
    );
    server.serve("/big", Reply::ok(vec![b'x'; 2 * 1024 * 1024]));
    let opts = Fetch {
        max_bytes: 1024 * 1024,
        ..Fetch::page()
    };
    for path in ["/endless", "/gigabyte", "/big"] {
        let url = server.url(path);
        assert_eq!(
            error(&url, &opts),
            format!("cannot fetch {url}: the answer is larger than 1 MB, more than barg takes")
        );
    }
    // Exactly at the cap is fine.
    server.serve("/full", Reply::ok(vec![b'x'; 1024 * 1024]));
    let body = fresh(net::fetch(&server.url("/full"), &opts).expect("at the cap"));
    assert_eq!(body.bytes.len(), 1024 * 1024);
}

#[test]
fn a_gzip_bomb_is_refused_at_the_cap() {
    let server = Server::start();
    // 64 MB of zeros, about 64 KB on the wire; the page cap is 20 MB.
    server.serve("/bomb", Reply::gzip_bomb(64 * 1024 * 1024));
    let url = server.url("/bomb");
    assert_eq!(
        error(&url, &Fetch::page()),
        format!("cannot fetch {url}: the answer is larger than 20 MB, more than barg takes")
    );
}

#[test]
fn only_http_and_https_urls_are_fetched() {
    for (url, says) in [
        (
            "file:///etc/passwd",
            "only http and https URLs can be fetched, not file:",
        ),
        (
            "ftp://127.0.0.1/x",
            "only http and https URLs can be fetched, not ftp:",
        ),
        (
            "javascript:alert(1)",
            "only http and https URLs can be fetched, not javascript:",
        ),
        ("http://me:secret@127.0.0.1/", "user name or password"),
        ("127.0.0.1/news", "not a URL"),
        ("not a url at all", "not a URL"),
    ] {
        let message = error(url, &Fetch::page());
        assert!(
            message.starts_with(&format!("cannot fetch \"{url}\": ")),
            "{message}"
        );
        assert!(message.contains(says), "{url}: {message}");
    }
}

#[test]
fn control_characters_in_a_url_are_shown_not_sent() {
    let message = error("gopher://\u{1b}]0;owned\u{7}/\u{202e}x", &Fetch::page());
    assert_eq!(
        message,
        "cannot fetch \"gopher://\\u{1b}]0;owned\\u{7}/\\u{202e}x\": \
         only http and https URLs can be fetched, not gopher:"
    );
    assert_eq!(message.lines().count(), 1);
}

#[test]
fn a_closed_port_is_an_error_naming_the_url() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        listener.local_addr().expect("its address").port()
    };
    let url = format!("http://127.0.0.1:{port}/");
    let message = error(&url, &Fetch::page());
    assert!(
        message.starts_with(&format!("cannot fetch {url}: ")),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1);
}

#[test]
fn fifty_urls_eight_at_a_time_each_result_by_its_url() {
    let server = Server::start();
    let mut urls = Vec::new();
    for i in 0..50 {
        let path = format!("/feed/{i}");
        if i % 10 == 3 {
            server.serve(&path, Reply::status(500));
        } else {
            server.serve(&path, Reply::ok(format!("feed {i}")));
        }
        urls.push(server.url(&path));
    }
    let calls = Mutex::new(Vec::new());
    let results = net::fetch_all(urls.clone(), &Fetch::feed(), 8, |done, total, url| {
        calls
            .lock()
            .expect("calls")
            .push((done, total, url.to_string()));
    });
    assert_eq!(results.len(), 50);
    for (i, (url, result)) in results.iter().enumerate() {
        assert_eq!(url, &urls[i]);
        if i % 10 == 3 {
            assert_eq!(
                result.as_ref().err().map(|e| e.to_string()),
                Some(format!(
                    "cannot fetch {url}: the server answered 500 Internal Server Error"
                ))
            );
        } else {
            let body = match result {
                Ok(Fetched {
                    status: Status::Fresh(body),
                    ..
                }) => body,
                other => panic!("{url}: {other:?}"),
            };
            assert_eq!(body.bytes, format!("feed {i}").as_bytes());
        }
    }
    let calls = calls.into_inner().expect("calls");
    let counts: Vec<usize> = calls.iter().map(|(done, _, _)| *done).collect();
    assert_eq!(counts, (1..=50).collect::<Vec<_>>());
    assert!(calls.iter().all(|(_, total, _)| *total == 50));
    let mut reported: Vec<&String> = calls.iter().map(|(_, _, url)| url).collect();
    reported.sort();
    let mut expected: Vec<&String> = urls.iter().collect();
    expected.sort();
    assert_eq!(reported, expected);
    assert_eq!(server.requests().len(), 50);
}

#[test]
fn fetch_all_of_nothing_is_nothing() {
    let results = net::fetch_all(Vec::new(), &Fetch::page(), 8, |_, _, _| {
        panic!("no progress for no URLs")
    });
    assert!(results.is_empty());
}

#[test]
fn https_to_a_server_that_speaks_no_tls_is_an_error_naming_the_url() {
    let server = Server::start();
    let url = server.url("/").replace("http://", "https://");
    let message = error(&url, &Fetch::page());
    assert!(
        message.starts_with(&format!("cannot fetch {url}: ")),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1);
}
