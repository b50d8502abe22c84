//! Attachment URLs: http or https to a public host only. The hub never fetches them,
//! but front ends and other services may, so a URL that points inside the network
//! (cloud metadata at 169.254.169.254, localhost, 10.x, …) is refused at intake.
//! Host names are checked as written; what they resolve to is for whoever fetches.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

pub const MAX_ATTACHMENTS: usize = 9;
pub const MAX_URL_CHARS: usize = 2048;

/// The URLs, parsed and normalised, or why one of them is refused.
pub fn parse(urls: &[String]) -> Result<Vec<String>, String> {
    if urls.len() > MAX_ATTACHMENTS {
        return Err(format!("at most {MAX_ATTACHMENTS} attachments"));
    }
    urls.iter().map(|raw| parse_one(raw)).collect()
}

fn parse_one(raw: &str) -> Result<String, String> {
    let refuse = |why: &str| Err(format!("attachment URL refused: {why}"));
    if raw.chars().count() > MAX_URL_CHARS {
        return refuse("longer than 2048 characters");
    }
    let Ok(url) = Url::parse(raw.trim()) else {
        return refuse("not a URL");
    };
    if !matches!(url.scheme(), "http" | "https") {
        return refuse("only http and https");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("credentials in the URL");
    }
    let public = match url.host() {
        Some(Host::Domain(name)) => public_name(name),
        Some(Host::Ipv4(ip)) => public_v4(ip),
        Some(Host::Ipv6(ip)) => public_v6(ip),
        None => false,
    };
    if !public {
        return refuse("the host is internal, loopback, link-local or private");
    }
    Ok(url.to_string())
}

/// A name with a dot that is not a local-only suffix (single labels resolve inside).
fn public_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let local = [
        "localhost",
        "local",
        "internal",
        "intranet",
        "lan",
        "home.arpa",
    ];
    name.contains('.')
        && !local
            .iter()
            .any(|suffix| name == *suffix || name.ends_with(&format!(".{suffix}")))
        && name.parse::<IpAddr>().is_err()
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        // Carrier-grade NAT (100.64.0.0/10) and benchmarking (198.18.0.0/15).
        || (a == 100 && (64..128).contains(&b))
        || (a == 198 && (18..20).contains(&b)))
}

fn public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return public_v4(v4);
    }
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // Unique local (fc00::/7) and link-local (fe80::/10).
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(url: &str) -> bool {
        parse(&[url.to_owned()]).is_ok()
    }

    #[test]
    fn public_http_and_https_urls_are_accepted() {
        assert!(ok("https://img.example.com/a/b.jpg"));
        assert!(ok("http://8.8.8.8/x.png"));
    }

    #[test]
    fn internal_hosts_are_refused_however_they_are_written() {
        for url in [
            "http://169.254.169.254/latest/meta-data/",
            "http://localhost/x",
            "http://api.localhost/x",
            "http://10.1.2.3/x",
            "http://192.168.1.1/x",
            "http://172.16.0.9/x",
            "http://127.0.0.1:8080/x",
            "http://0x7f.1/x",
            "http://2130706433/x",
            "http://[::1]/x",
            "http://[fe80::1]/x",
            "http://[fd00::1]/x",
            "http://[::ffff:169.254.169.254]/x",
            "http://0.0.0.0/x",
            "http://100.64.0.1/x",
            "http://metadata/x",
            "http://db.internal/x",
        ] {
            assert!(!ok(url), "{url}");
        }
    }

    #[test]
    fn other_schemes_and_credentials_are_refused() {
        for url in [
            "file:///etc/passwd",
            "ftp://example.com/x",
            "javascript:alert(1)",
            "https://user:pw@example.com/x",
            "not a url",
        ] {
            assert!(!ok(url), "{url}");
        }
    }

    #[test]
    fn too_many_attachments_are_refused() {
        let urls = vec!["https://example.com/a.jpg".to_owned(); MAX_ATTACHMENTS + 1];
        assert!(parse(&urls).is_err());
    }
}
