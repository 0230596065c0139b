//! `camnang deploy` against real servers started here on 127.0.0.1, each
//! on a free port and stopped by its process id: a folder (`file://`),
//! OpenSSH's sshd (SFTP with a key), rclone (SFTP with a password, and
//! WebDAV), moto (S3). For each: the first deploy leaves a foreign file
//! alone, an unchanged site uploads nothing, an edit uploads only what
//! changed, a removed procedure's page goes while its short link stays,
//! the delete cap stops a mass delete; and deploys killed part of the way
//! leave no broken link on the host, and the next deploy finishes.

use std::collections::BTreeSet;
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Needs, Run, TestSite, camnang, procedure};

/// A server process, stopped by its id when dropped: asked to stop first
/// (SIGTERM), so that it stops what it started itself (nginx's worker
/// outlived a SIGKILL of its master), and killed if it has not stopped
/// within five seconds. The server stays in the tests' process group, so
/// an interrupted `cargo test` (Ctrl-C) stops it too.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        // (the shell's own kill: no other package needed)
        let _ = Command::new("sh")
            .arg("-c")
            .arg(format!("kill -TERM {}", self.child.id()))
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts `cmd` and waits until its port accepts connections.
fn start(mut cmd: Command, port: u16) -> Server {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("start the server");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server stopped: {status}");
        }
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child }
}

/// Reads a file back from a host.
type Reader = dyn Fn(&str) -> Option<Vec<u8>>;

/// Where a test deploys to: the URL, the variables it needs, and how to
/// read a file back from the host.
struct Host {
    url: String,
    env: Vec<(String, String)>,
    /// The folder the server keeps the files in, where there is one.
    dir: Option<PathBuf>,
    /// Reads a file back through the server (S3), when there is no folder.
    get: Option<Box<Reader>>,
    extra: Vec<String>,
    /// The server's port (for S3, to read headers).
    port: u16,
    /// The system user the server writes as, when not this one.
    owner: Option<&'static str>,
    _server: Option<Server>,
    _keep: Vec<tempfile::TempDir>,
}

impl Host {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        match (&self.dir, &self.get) {
            (Some(d), _) => std::fs::read(d.join(path)).ok(),
            (None, Some(get)) => get(path),
            (None, None) => None,
        }
    }

    fn has(&self, path: &str) -> bool {
        self.read(path).is_some()
    }

    fn deploy(&self, site: &TestSite, extra: &[&str]) -> Run {
        Run::of(self.command(site, extra))
    }

    fn command(&self, site: &TestSite, extra: &[&str]) -> Command {
        self.command_to(site, &self.url, extra)
    }

    /// [`Host::command`] with another address (the same host's, changed).
    fn command_to(&self, site: &TestSite, url: &str, extra: &[&str]) -> Command {
        let mut cmd = camnang();
        cmd.args(["deploy", "--lang", "en", "--root"])
            .arg(site.root())
            .args(["--to", url])
            .args(&self.extra)
            .args(extra)
            .env_remove("SSH_AUTH_SOCK")
            .env_remove("CAMNANG_DEPLOY_PASSWORD");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }
}

fn folder_host() -> Host {
    let dir = tempfile::tempdir().expect("temp dir");
    let www = dir.path().join("www");
    Host {
        url: format!("file://{}", www.display()),
        env: Vec::new(),
        dir: Some(www),
        get: None,
        extra: Vec::new(),
        port: 0,
        owner: None,
        _server: None,
        _keep: vec![dir],
    }
}

fn keygen(path: &Path) {
    keygen_of(path, "ed25519");
}

fn keygen_of(path: &Path, kind: &str) {
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", kind, "-N", "", "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen");
    assert!(ok.success());
}

fn known_hosts(dir: &Path, port: u16, host_key: &Path) -> PathBuf {
    let public = std::fs::read_to_string(host_key.with_extension("pub")).expect("host key");
    let file = dir.join("known_hosts");
    std::fs::write(&file, format!("[127.0.0.1]:{port} {public}")).expect("known_hosts");
    file
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// OpenSSH's sshd with a generated host key and a temporary
/// `sshd_config`: logging in as this user with a generated key, or (with
/// `password`) as the system user [`FTP_USER`] with a password.
fn sshd_host(password: bool) -> Option<Host> {
    sshd_host_known(password, false)
}

/// [`sshd_host`]; with `rsa_known`, the host has an Ed25519 key (offered
/// first) and an RSA one, and only the RSA one is in `known_hosts`, as
/// when it was added years ago.
fn sshd_host_known(password: bool, rsa_known: bool) -> Option<Host> {
    if !Needs::default()
        .tool("/usr/sbin/sshd", &["-V"])
        .that(
            crate::util::runs("sh", &["-c", "command -v ssh-keygen"]),
            "ssh-keygen (see .ci/run)",
        )
        .that(is_root(), "root, to run sshd (CI runs as root)")
        .that(
            !password || (is_root() && ftp_user_ready()),
            "the system user camnangftp (made under CI=true)",
        )
        .met()
    {
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    keygen(&d.join("host_key"));
    let mut host_keys = format!("HostKey {}/host_key\n", d.display());
    if rsa_known {
        keygen_of(&d.join("rsa_host_key"), "rsa");
        host_keys.push_str(&format!("HostKey {}/rsa_host_key\n", d.display()));
    }
    keygen(&d.join("client_key"));
    std::fs::copy(d.join("client_key.pub"), d.join("authorized_keys")).expect("keys");
    let port = free_port();
    let config = d.join("sshd_config");
    let (by_password, by_key) = match password {
        true => ("yes", "no"),
        false => ("no", "yes"),
    };
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\n{host_keys}PidFile {d}/sshd.pid\nAuthorizedKeysFile {d}/authorized_keys\nPasswordAuthentication {by_password}\nKbdInteractiveAuthentication no\nPubkeyAuthentication {by_key}\nPermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\nSubsystem sftp internal-sftp -u 077\n",
            d = d.display()
        ),
    )
    .expect("sshd_config");
    let _ = std::fs::create_dir_all("/run/sshd");
    let mut cmd = Command::new("/usr/sbin/sshd");
    cmd.args(["-D", "-e", "-f"]).arg(&config);
    let server = start(cmd, port);
    let known = match rsa_known {
        true => known_hosts(d, port, &d.join("rsa_host_key")),
        false => known_hosts(d, port, &d.join("host_key")),
    };
    let www = d.join("www");
    let mut env = vec![("CAMNANG_KNOWN_HOSTS".into(), known.display().to_string())];
    let (user, extra, owner) = if password {
        // the password user must reach and own its folder
        let _ = Command::new("chmod").arg("755").arg(d).status();
        std::fs::create_dir_all(&www).expect("www");
        let _ = Command::new("chown").arg(FTP_USER).arg(&www).status();
        env.push(("CAMNANG_DEPLOY_PASSWORD".into(), PASSWORD.into()));
        (FTP_USER.to_string(), Vec::new(), Some(FTP_USER))
    } else {
        let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
        let key = vec![
            "--identity".into(),
            d.join("client_key").display().to_string(),
        ];
        (user, key, None)
    };
    Some(Host {
        url: format!("sftp://{user}@127.0.0.1:{port}{}", www.display()),
        env,
        dir: Some(www),
        get: None,
        extra,
        port,
        owner,
        _server: Some(server),
        _keep: vec![dir],
    })
}

const PASSWORD: &str = "pa55-Secret-word";

/// `rclone serve sftp|webdav` on a folder, with a user name and password.
fn rclone_host(kind: &str) -> Option<Host> {
    if !Needs::default()
        .tool("rclone", &["version"])
        .that(
            crate::util::runs("sh", &["-c", "command -v ssh-keygen"]),
            "ssh-keygen (see .ci/run)",
        )
        .met()
    {
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let www = d.join("www");
    std::fs::create_dir_all(&www).expect("www");
    let port = free_port();
    let mut cmd = Command::new("rclone");
    cmd.args(["serve", kind])
        .arg(&www)
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .args(["--user", "xa", "--pass", PASSWORD])
        .args(["--config", "/dev/null"]);
    let mut env = vec![("CAMNANG_DEPLOY_PASSWORD".to_string(), PASSWORD.to_string())];
    let url = if kind == "sftp" {
        keygen(&d.join("host_key"));
        cmd.arg("--key").arg(d.join("host_key"));
        let known = known_hosts(d, port, &d.join("host_key"));
        env.push(("CAMNANG_KNOWN_HOSTS".into(), known.display().to_string()));
        format!("sftp://xa@127.0.0.1:{port}/")
    } else {
        format!("webdav://xa@127.0.0.1:{port}/")
    };
    let server = start(cmd, port);
    Some(Host {
        url,
        env,
        dir: Some(www),
        get: None,
        extra: Vec::new(),
        port,
        owner: None,
        _server: Some(server),
        _keep: vec![dir],
    })
}

/// nginx with its WebDAV modules (PUT, DELETE, MKCOL, MOVE and, from
/// dav-ext, PROPFIND) behind a password (basic auth), serving the folder
/// the pages are read back from; with `tls`, over HTTPS with a
/// self-signed certificate (named by `CAMNANG_CA_FILE`).
fn nginx_host(tls: bool) -> Option<Host> {
    let module = Path::new("/usr/lib/nginx/modules/ngx_http_dav_ext_module.so");
    if !Needs::default()
        .tool("/usr/sbin/nginx", &["-v"])
        .tool("openssl", &["version"])
        .file(module, "libnginx-mod-http-dav-ext, see .ci/run")
        .met()
    {
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let www = d.join("www");
    std::fs::create_dir_all(&www).expect("www");
    for sub in ["body", "logs"] {
        std::fs::create_dir_all(d.join(sub)).expect("nginx folders");
    }
    let hash = Command::new("openssl")
        .args(["passwd", "-apr1", PASSWORD])
        .output()
        .expect("openssl passwd");
    let hash = String::from_utf8_lossy(&hash.stdout).trim().to_string();
    std::fs::write(d.join("htpasswd"), format!("xa:{hash}\n")).expect("htpasswd");
    let port = free_port();
    let (mut ssl, mut env) = (String::new(), Vec::new());
    if tls {
        let cert = self_signed(d, "dav.xa.example.vn");
        ssl = format!(
            " ssl;\n    ssl_certificate {};\n    ssl_certificate_key {}",
            cert.display(),
            d.join("dav.xa.example.vn.key").display()
        );
        env.push(("CAMNANG_CA_FILE".to_string(), cert.display().to_string()));
    }
    let conf = d.join("nginx.conf");
    // nginx, run as root, works as nobody: the folders must be theirs
    let _ = Command::new("chown")
        .arg("-R")
        .arg("nobody")
        .arg(d)
        .status();
    std::fs::write(
        &conf,
        format!(
            "load_module {module};\ndaemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/logs/error.log;\nevents {{}}\nhttp {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/body;\n  fastcgi_temp_path {d}/body;\n  uwsgi_temp_path {d}/body;\n  scgi_temp_path {d}/body;\n  server {{\n    listen 127.0.0.1:{port}{ssl};\n    root {www};\n    location / {{\n      dav_methods PUT DELETE MKCOL COPY MOVE;\n      dav_ext_methods PROPFIND OPTIONS;\n      create_full_put_path on;\n      dav_access user:rw group:r all:r;\n      client_max_body_size 0;\n      auth_basic dav;\n      auth_basic_user_file {d}/htpasswd;\n    }}\n  }}\n}}\n",
            module = module.display(),
            d = d.display(),
            www = www.display(),
        ),
    )
    .expect("nginx.conf");
    let mut cmd = Command::new("/usr/sbin/nginx");
    cmd.arg("-c").arg(&conf).arg("-p").arg(d);
    let server = start(cmd, port);
    env.push(("CAMNANG_DEPLOY_PASSWORD".into(), PASSWORD.into()));
    let scheme = if tls { "webdavs" } else { "webdav" };
    Some(Host {
        url: format!("{scheme}://xa@127.0.0.1:{port}/"),
        env,
        dir: Some(www),
        get: None,
        extra: Vec::new(),
        port,
        owner: Some("nobody"),
        _server: Some(server),
        _keep: vec![dir],
    })
}

/// The system user the FTP test logs in as (vsftpd takes only system
/// users); made under CI when missing.
const FTP_USER: &str = "camnangftp";

fn ftp_user_ready() -> bool {
    let exists = || {
        Command::new("id")
            .arg(FTP_USER)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !exists() && is_root() && std::env::var("CI").is_ok_and(|v| v == "true") {
        let _ = Command::new("useradd")
            .args(["-m", "-s", "/bin/bash", FTP_USER])
            .status();
    }
    if !exists() {
        return false;
    }
    // the password is the test's own
    let Ok(mut child) = Command::new("chpasswd").stdin(Stdio::piped()).spawn() else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = writeln!(stdin, "{FTP_USER}:{PASSWORD}");
    }
    child.wait().is_ok_and(|s| s.success())
}

/// vsftpd with its default upload umask (077, files only their owner
/// can read), logging in as [`FTP_USER`] with a password.
fn vsftpd_host() -> Option<Host> {
    vsftpd(false)
}

/// vsftpd with explicit TLS (FTPS) and the settings hosting panels use:
/// a self-signed certificate made with `openssl req -x509` (marked as an
/// authority, as OpenSSL makes it), and data connections that must reuse
/// the control connection's TLS session (`require_ssl_reuse`, vsftpd's
/// default). camnang trusts it through `CAMNANG_CA_FILE`.
/// A self-signed certificate for `name`, as hosting panels make them
/// (`openssl req -x509`: marked as an authority, no subject alternative
/// name), in `dir` as `name.crt` with its key `name.key`.
fn self_signed(dir: &Path, name: &str) -> PathBuf {
    let (cert, key) = (
        dir.join(format!("{name}.crt")),
        dir.join(format!("{name}.key")),
    );
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
        ])
        .arg("-subj")
        .arg(format!("/CN={name}"))
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    cert
}

fn vsftpd_tls_host() -> Option<Host> {
    vsftpd(true)
}

fn vsftpd(tls: bool) -> Option<Host> {
    vsftpd_with(tls, "")
}

/// [`vsftpd`] with more lines in its configuration.
fn vsftpd_with(tls: bool, more: &str) -> Option<Host> {
    if !Needs::default()
        .tool("/usr/sbin/vsftpd", &["-v"])
        .that(is_root(), "root, to run vsftpd (CI runs as root)")
        .that(
            is_root() && ftp_user_ready(),
            "the system user camnangftp (made under CI=true)",
        )
        .tool(
            if tls { "openssl" } else { "/usr/sbin/vsftpd" },
            if tls { &["version"] } else { &["-v"] },
        )
        .met()
    {
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let port = free_port();
    let (mut tls_lines, mut env) = (String::new(), Vec::new());
    if tls {
        let cert = self_signed(d, "ftp.xa.example.vn");
        let key = d.join("ftp.xa.example.vn.key");
        tls_lines = format!(
            "ssl_enable=YES\nrsa_cert_file={}\nrsa_private_key_file={}\nforce_local_logins_ssl=YES\nforce_local_data_ssl=YES\nrequire_ssl_reuse=YES\n",
            cert.display(),
            key.display()
        );
        env.push(("CAMNANG_CA_FILE".to_string(), cert.display().to_string()));
    }
    let _ = std::fs::create_dir_all("/var/run/vsftpd/empty");
    let config = d.join("vsftpd.conf");
    std::fs::write(
        &config,
        format!(
            "listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port={port}\nanonymous_enable=NO\nlocal_enable=YES\nwrite_enable=YES\nlocal_umask=077\npasv_enable=YES\npasv_address=127.0.0.1\npam_service_name=vsftpd\nseccomp_sandbox=NO\nbackground=NO\nsecure_chroot_dir=/var/run/vsftpd/empty\nuserlist_enable=NO\ncheck_shell=NO\nxferlog_enable=NO\n{tls_lines}{more}"
        ),
    )
    .expect("vsftpd.conf");
    let mut cmd = Command::new("/usr/sbin/vsftpd");
    cmd.arg(&config);
    let server = start(cmd, port);
    let scheme = if tls { "ftps" } else { "ftp" };
    Some(ftp_user_host(scheme, port, server, dir, env))
}

/// The host of an FTP server on `port` that logs [`FTP_USER`] in: its
/// files go to `www` in `dir`, a folder of the FTP user's own (not its
/// home: an old home may belong to another uid).
fn ftp_user_host(
    scheme: &str,
    port: u16,
    server: Server,
    dir: tempfile::TempDir,
    mut env: Vec<(String, String)>,
) -> Host {
    let _ = Command::new("chown").arg(FTP_USER).arg(dir.path()).status();
    let www = dir.path().join("www");
    env.push(("CAMNANG_DEPLOY_PASSWORD".into(), PASSWORD.into()));
    Host {
        url: format!("{scheme}://{FTP_USER}@127.0.0.1:{port}{}", www.display()),
        env,
        dir: Some(www),
        get: None,
        extra: Vec::new(),
        port,
        owner: Some(FTP_USER),
        _server: Some(server),
        _keep: vec![dir],
    }
}

/// Pure-FTPd's binary, unpacked from its Debian package by `.ci/run` (the
/// package conflicts with vsftpd's).
const PURE_FTPD: &str = "/opt/pure-ftpd/usr/sbin/pure-ftpd";

/// Pure-FTPd as shared hosts run it with `-r` ("autorename"): an upload to
/// a name that exists is renamed (`file.1`) instead of writing over it.
/// Logs in as [`FTP_USER`] with a password (`-l unix`).
fn pure_ftpd_host() -> Option<Host> {
    if !Needs::default()
        .tool(PURE_FTPD, &["--help"])
        .that(is_root(), "root, to run pure-ftpd (CI runs as root)")
        .that(
            is_root() && ftp_user_ready(),
            "the system user camnangftp (made under CI=true)",
        )
        .met()
    {
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    // (a range of passive ports, each free when the server starts)
    let passive = loop {
        let base = free_port();
        if base < 65_000
            && (base..=base + 20).all(|p| std::net::TcpListener::bind(("127.0.0.1", p)).is_ok())
        {
            break base;
        }
    };
    let mut cmd = Command::new(PURE_FTPD);
    cmd.args(["-S", &format!("127.0.0.1,{port}")])
        .args(["-l", "unix", "-E", "-H", "-r", "-u", "1"])
        .args(["-p", &format!("{passive}:{}", passive + 20)])
        .args(["-P", "127.0.0.1"]);
    let server = start(cmd, port);
    Some(ftp_user_host("ftp", port, server, dir, Vec::new()))
}

/// A raw HTTP request to 127.0.0.1:`port`: status and body.
fn http(port: u16, method: &str, path: &str, body: &str) -> (u16, Vec<u8>, String) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return (0, Vec::new(), String::new());
    };
    let _ = write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return (0, Vec::new(), String::new());
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, raw[split + 4..].to_vec(), head.to_ascii_lowercase())
}

/// Lets anyone read the objects of the test bucket, as a bucket behind
/// a website is set up.
const PUBLIC_READ: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}"#;

/// moto's S3 server, with a bucket made for the test.
fn s3_host() -> Option<Host> {
    if !Needs::default().tool("moto_server", &["--help"]).met() {
        return None;
    }
    let port = free_port();
    let mut cmd = Command::new("moto_server");
    cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()]);
    let server = start(cmd, port);
    assert_eq!(http(port, "PUT", "/site", "").0, 200, "make the bucket");
    assert_eq!(
        http(port, "PUT", "/site?policy", PUBLIC_READ).0,
        200,
        "bucket policy"
    );
    // a file in the bucket that camnang did not put there
    assert_eq!(
        http(port, "PUT", "/site/xa/foreign.txt", "x").0,
        200,
        "foreign file"
    );
    let get = move |path: &str| {
        let (status, body, _) = http(port, "GET", &format!("/site/xa/{path}"), "");
        (status == 200).then_some(body)
    };
    Some(Host {
        url: format!("s3://site/xa?endpoint=http://127.0.0.1:{port}&region=HCM03"),
        env: vec![
            ("AWS_ACCESS_KEY_ID".into(), "camnang".into()),
            ("AWS_SECRET_ACCESS_KEY".into(), "s3-Secret-key".into()),
        ],
        dir: None,
        get: Some(Box::new(get)),
        extra: Vec::new(),
        _server: Some(server),
        _keep: Vec::new(),
        port,
        owner: None,
    })
}

/// A site of `n` procedures, built (without print files, for speed).
fn site(n: usize) -> TestSite {
    let s = TestSite::new();
    for i in 1..=n {
        s.write(
            &format!("content/cu-tru/thu-tuc-{i:02}.md"),
            &procedure(&format!("Thủ tục số {i}"), &format!("tt{i:02}")),
        );
    }
    s.write("content/files/mau-ct01.txt", "Tờ khai CT01\n");
    s
}

/// Removes procedure `n` of a [`site`] and retires its id in the lock.
fn retire(s: &TestSite, n: usize) {
    std::fs::remove_file(s.path(&format!("content/cu-tru/thu-tuc-{n:02}.md"))).expect("remove");
    let lock = s.read("qr-lock.yaml");
    let id = format!("tt{n:02}:\n");
    s.write(
        "qr-lock.yaml",
        &lock.replacen(&id, &format!("{id}  retired: true\n"), 1),
    );
}

fn build(s: &TestSite) {
    let run = s.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The files of the built site, from its manifest.
fn built(s: &TestSite) -> Vec<String> {
    s.read("public/.camnang-manifest")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The number in "uploaded N file(s)".
fn uploaded(run: &Run) -> usize {
    run.stdout
        .split("uploaded ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no summary in:\n{}\n{}", run.stdout, run.stderr))
}

fn ok(run: &Run) {
    assert_eq!(
        run.code, 0,
        "deploy failed:\n{}\n{}",
        run.stdout, run.stderr
    );
}

/// The short link pages of a built site: the ones posters may show.
fn printed(site: &TestSite) -> Vec<String> {
    built(site)
        .into_iter()
        .filter(|p| p.starts_with("q/") && p.ends_with("/index.html"))
        .collect()
}

/// Every page a resident can reach from the home page and the short
/// links already `printed`, read back from the host: every local link
/// leads to a file there. Returns the broken links.
/// [`broken_links`] once the host has finished what it was asked before
/// the deploy was killed: a server may still be carrying out the last
/// request (a WebDAV server that moves a file over another by deleting the
/// old one first, as Go's `x/net/webdav` does for rclone, is briefly
/// without it). A link still broken after a second is broken.
fn settled_broken_links(host: &Host, printed: &[String]) -> Vec<String> {
    let mut broken = broken_links(host, printed);
    for _ in 0..10 {
        if broken.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        broken = broken_links(host, printed);
    }
    broken
}

fn broken_links(host: &Host, printed: &[String]) -> Vec<String> {
    let mut starts: Vec<String> = vec!["index.html".into()];
    starts.extend(printed.iter().cloned());
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut broken = Vec::new();
    let mut todo = starts;
    while let Some(page) = todo.pop() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let Some(bytes) = host.read(&page) else {
            // a start page not there yet (a short link of a new id)
            continue;
        };
        let text = String::from_utf8_lossy(&bytes).to_string();
        for attr in ["href=\"", "src=\"", "content=\"0; url="] {
            for part in text.split(attr).skip(1) {
                let link = part.split(['"', '#', '?']).next().unwrap_or("");
                let Some(rel) = link
                    .strip_prefix("https://thu.example.vn/")
                    .or_else(|| link.strip_prefix('/'))
                else {
                    continue;
                };
                let file = if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel.to_string()
                };
                if !host.has(&file) {
                    broken.push(format!("{page} → {link}"));
                } else if file.ends_with(".html") {
                    todo.push(file);
                }
            }
        }
    }
    broken
}

/// The host holds exactly the build (what camnang uploaded).
fn same_as_build(host: &Host, site: &TestSite) {
    for path in built(site) {
        let local = std::fs::read(site.path(&format!("public/{path}"))).expect("built file");
        assert!(
            host.read(&path).as_deref() == Some(&local[..]),
            "{path} differs on the host"
        );
    }
}

/// The whole story on one host.
fn scenario(host: &Host) {
    let s = site(3);
    build(&s);
    let total = built(&s).len();
    if let Some(dir) = &host.dir {
        std::fs::create_dir_all(dir.join("cu-tru")).expect("mkdir");
        std::fs::write(dir.join("foreign.txt"), "not camnang's").expect("foreign");
        std::fs::write(dir.join("cu-tru/old.html"), "not camnang's").expect("foreign");
        // an old site's file with the name of one of the site's files
        std::fs::write(dir.join("robots.txt"), "not camnang's").expect("foreign");
        if let Some(owner) = host.owner {
            let _ = Command::new("chown").arg("-R").arg(owner).arg(dir).status();
        }
    }

    // first deploy: a file camnang did not upload is never written over
    // unless asked (nothing goes up); then everything goes up and nothing
    // else foreign is touched
    let mut run = host.deploy(&s, &[]);
    if let Some(dir) = &host.dir {
        assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("E136") && run.stderr.contains("robots.txt"),
            "{}",
            run.stderr
        );
        assert!(!host.has("index.html"));
        let robots = std::fs::read_to_string(dir.join("robots.txt")).expect("robots");
        assert_eq!(robots, "not camnang's");
        run = host.deploy(&s, &["--replace-existing"]);
    }
    ok(&run);
    assert!(run.stdout.contains("first deploy"), "{}", run.stdout);
    assert_eq!(uploaded(&run), total);
    same_as_build(host, &s);
    assert!(host.has(".camnang-deploy.json"));
    assert!(
        broken_links(host, &printed(&s)).is_empty(),
        "{:?}",
        broken_links(host, &printed(&s))
    );
    if let Some(dir) = &host.dir {
        assert!(dir.join("foreign.txt").exists() && dir.join("cu-tru/old.html").exists());
        #[cfg(unix)]
        if !host.url.starts_with("webdav") {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(dir.join("index.html"))
                .expect("index")
                .permissions()
                .mode();
            assert_eq!(
                mode & 0o044,
                0o044,
                "pages readable by the web server: {mode:o}"
            );
            // the folders camnang made too (vsftpd's umask 077, and
            // internal-sftp -u 077, made them drwx------: every page
            // refused to residents)
            for folder in ["q", "assets", "q/tt01"] {
                let mode = std::fs::metadata(dir.join(folder))
                    .expect("folder")
                    .permissions()
                    .mode();
                assert_eq!(
                    mode & 0o055,
                    0o055,
                    "{folder}/ open to the web server: {mode:o}"
                );
            }
        }
    }

    // nothing changed: nothing goes up
    let run = host.deploy(&s, &[]);
    ok(&run);
    assert!(run.stdout.contains("nothing to upload"), "{}", run.stdout);

    // an edit: only the pages that show it go up
    let edited =
        procedure("Thủ tục số 1", "tt01").replace("Khai báo nơi ở mới", "Khai báo chỗ ở mới");
    s.write("content/cu-tru/thu-tuc-01.md", &edited);
    build(&s);
    let run = host.deploy(&s, &[]);
    ok(&run);
    let n = uploaded(&run);
    assert!(
        n > 0 && n < total / 2,
        "{n} of {total} uploaded for one edit"
    );
    same_as_build(host, &s);

    // a procedure removed (its id retired): its page goes, its short link stays
    retire(&s, 2);
    build(&s);
    let run = host.deploy(&s, &[]);
    ok(&run);
    assert!(!host.has("cu-tru/thu-tuc-02/index.html"), "{}", run.stdout);
    assert!(host.has("q/tt02/index.html"));
    same_as_build(host, &s);
    assert!(
        broken_links(host, &printed(&s)).is_empty(),
        "{:?}",
        broken_links(host, &printed(&s))
    );
    if let Some(dir) = &host.dir {
        assert!(dir.join("foreign.txt").exists() && dir.join("cu-tru/old.html").exists());
    }

    // a mass delete stops before anything happens, unless --yes
    retire(&s, 3);
    build(&s);
    let run = host.deploy(&s, &["--max-deletes", "0"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("E129"), "{}", run.stderr);
    assert!(host.has("cu-tru/thu-tuc-03/index.html"));
    let dry = host.deploy(&s, &["--dry-run"]);
    ok(&dry);
    assert!(
        dry.stdout
            .contains("delete            cu-tru/thu-tuc-03/index.html"),
        "{}",
        dry.stdout
    );
    assert!(host.has("cu-tru/thu-tuc-03/index.html"));
    let run = host.deploy(&s, &["--max-deletes", "0", "--yes"]);
    ok(&run);
    assert!(!host.has("cu-tru/thu-tuc-03/index.html"));
    assert!(host.has("q/tt03/index.html"));
    same_as_build(host, &s);
    for run in [&run, &dry] {
        assert!(!run.stdout.contains(PASSWORD) && !run.stderr.contains(PASSWORD));
    }
}

/// Deploys killed (SIGKILL) at several points leave no broken link; the
/// next deploy finishes the job.
fn killed(host: &Host) {
    let _working = crate::util::working();
    let s = site(12);
    build(&s);
    ok(&host.deploy(&s, &[]));
    let posters = printed(&s);
    // the next version: every page changes, one procedure goes, one comes
    for i in 1..=12 {
        let text = procedure(&format!("Thủ tục số {i} (sửa)"), &format!("tt{i:02}"));
        s.write(&format!("content/cu-tru/thu-tuc-{i:02}.md"), &text);
    }
    std::fs::remove_file(s.path("content/cu-tru/thu-tuc-05.md")).expect("remove");
    let lock = s.read("qr-lock.yaml");
    s.write(
        "qr-lock.yaml",
        &lock.replacen("tt05:\n", "tt05:\n  retired: true\n", 1),
    );
    s.write(
        "content/cu-tru/thu-tuc-moi.md",
        &procedure("Thủ tục mới", "tt99"),
    );
    build(&s);
    let mut kills = 0;
    for k in 1..=6u64 {
        let mut cmd = host.command(&s, &["--pause-ms", "15"]);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        let mut child = cmd.spawn().expect("deploy");
        std::thread::sleep(Duration::from_millis(60 * k));
        if child.try_wait().ok().flatten().is_none() {
            kills += 1;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let broken = settled_broken_links(host, &posters);
        assert!(
            broken.is_empty(),
            "after a kill at {} ms: {broken:?}",
            60 * k
        );
    }
    assert!(kills > 0, "no deploy was killed part of the way");
    let run = host.deploy(&s, &[]);
    ok(&run);
    same_as_build(host, &s);
    assert!(!host.has("cu-tru/thu-tuc-05/index.html"));
    assert!(host.has("q/tt05/index.html"));
    assert!(broken_links(host, &printed(&s)).is_empty());
    let again = host.deploy(&s, &[]);
    assert!(
        again.stdout.contains("nothing to upload"),
        "{}",
        again.stdout
    );
    // an edit whose deploy is stopped part of the way, then undone: the
    // next deploy puts back every file the stopped one had changed
    let page = "cu-tru/thu-tuc-01/index.html";
    let edited = |title: &str| {
        let text = procedure(title, "tt01");
        s.write("content/cu-tru/thu-tuc-01.md", &text);
        build(&s);
    };
    let mut caught = false;
    // the deploy is watched and killed as soon as the edited page is on
    // the host (waits chosen in advance jumped over that moment on a busy
    // machine); a deploy that ended first is tried again
    for _ in 0..5 {
        // (the page as the host has it now: after a try that was not
        // caught, the one deployed in its place)
        let before = host.read(page);
        edited("Thủ tục số 1 (sửa nhầm)");
        let mut cmd = host.command(&s, &["--pause-ms", "40"]);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        let mut child = cmd.spawn().expect("deploy");
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if child.try_wait().ok().flatten().is_some() {
                break;
            }
            if host.read(page) != before {
                // still running when the page was seen: stopped after it
                caught = child.try_wait().ok().flatten().is_none();
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if caught {
            break;
        }
        edited("Thủ tục số 1 (sửa)");
        ok(&host.deploy(&s, &[]));
    }
    assert!(
        caught,
        "no deploy was stopped after the edited page went up"
    );
    edited("Thủ tục số 1 (sửa)");
    ok(&host.deploy(&s, &[]));
    same_as_build(host, &s);
}

/// Another site deployed to the same folder, or a copy of the site that
/// lost its `qr-lock.yaml`: neither deletes the first site, nor a short
/// link once printed.
#[test]
fn another_site_or_a_copy_without_its_lock_keeps_the_printed_codes() {
    let host = folder_host();
    let s = site(3);
    build(&s);
    ok(&host.deploy(&s, &[]));
    let files = built(&s).len();
    // a neighbouring commune's site with the same deploy.to
    let other = site(1);
    other.write(
        "site.yaml",
        &crate::util::SITE_YAML.replace("https://thu.example.vn", "https://khac.example.vn"),
    );
    build(&other);
    let run = host.deploy(&other, &[]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("E137") && run.stderr.contains("https://thu.example.vn"),
        "{}",
        run.stderr
    );
    assert!(host.has("cu-tru/thu-tuc-02/index.html") && host.has("q/tt03/index.html"));
    // a copy of the first site without its lock file, with one procedure
    // fewer: the page goes, the printed short link stays
    let third = std::fs::read(s.path("content/cu-tru/thu-tuc-03.md")).expect("read");
    std::fs::remove_file(s.path("content/cu-tru/thu-tuc-03.md")).expect("rm");
    std::fs::remove_file(s.path("qr-lock.yaml")).expect("rm lock");
    // (the build itself refuses while its own public/ holds the short
    // link, E064; a copy made without public/ builds)
    let refused = s.build(&["--no-print"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("E064") && refused.stderr.contains("tt03"),
        "{}",
        refused.stderr
    );
    std::fs::remove_dir_all(s.path("public")).expect("rm public");
    build(&s);
    std::fs::remove_file(s.path("qr-lock.yaml")).expect("rm lock again");
    let run = host.deploy(&s, &[]);
    ok(&run);
    assert!(!host.has("cu-tru/thu-tuc-03/index.html"));
    assert!(host.has("q/tt03/index.html"), "{}", run.stderr);
    assert!(run.stderr.contains("W121"), "{}", run.stderr);
    assert!(files > 0);
    // told once: the next deploy keeps it without a word
    let again = host.deploy(&s, &[]);
    ok(&again);
    assert!(!again.stderr.contains("W121"), "{}", again.stderr);
    assert!(host.has("q/tt03/index.html"));
    // the procedure back: the short link kept on the host is still
    // camnang's, and goes up again (it was refused as a file camnang did
    // not upload, E136)
    std::fs::write(s.path("content/cu-tru/thu-tuc-03.md"), third).expect("write back");
    std::fs::remove_dir_all(s.path("public")).expect("rm public");
    build(&s);
    let run = host.deploy(&s, &[]);
    ok(&run);
    assert!(!run.stderr.contains("E136"), "{}", run.stderr);
    same_as_build(&host, &s);
}

#[test]
fn to_a_folder() {
    scenario(&folder_host());
}

/// A file on the host where the site needs a folder (an old script named
/// `kiosk`): the deploy stops before anything goes up, naming it, and
/// leaves it (every upload below it failed, each deploy again, with "run
/// it again" for a hint).
fn file_in_the_way(host: &Host) {
    let dir = host.dir.clone().expect("a folder");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("kiosk"), "#!/bin/sh\n").expect("script");
    if let Some(owner) = host.owner {
        let _ = Command::new("chown")
            .arg("-R")
            .arg(owner)
            .arg(&dir)
            .status();
    }
    let s = site(1);
    build(&s);
    for extra in [&[][..], &["--replace-existing"][..]] {
        let run = host.deploy(&s, extra);
        assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("E148") && run.stderr.contains("kiosk"),
            "{}",
            run.stderr
        );
        assert!(!host.has("index.html"), "nothing uploaded");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("kiosk")).expect("kept"),
        "#!/bin/sh\n"
    );
}

#[test]
fn to_a_folder_with_a_file_in_the_way() {
    file_in_the_way(&folder_host());
}

#[test]
fn needs_sshd_sftp_with_a_file_in_the_way() {
    if let Some(h) = sshd_host(false) {
        file_in_the_way(&h);
    }
}

#[test]
fn needs_vsftpd_ftp_with_a_file_in_the_way() {
    if let Some(h) = vsftpd_host() {
        file_in_the_way(&h);
    }
}

/// A deploy stopped while the host's manifest was being replaced, on a
/// host that will not rename onto a file (ProFTPD's AllowOverwrite off,
/// OpenSSH): the manifest deleted, its new copy whole under its temporary
/// name. The next deploy reads the copy (I129) and goes on (the site's own
/// files were "not uploaded by camnang", E136, and only
/// --replace-existing, which forgets the printed codes, got past it).
fn manifest_left_as_its_copy(host: &Host) {
    let dir = host.dir.clone().expect("a folder");
    let s = site(2);
    build(&s);
    ok(&host.deploy(&s, &[]));
    std::fs::rename(
        dir.join(".camnang-deploy.json"),
        dir.join("..camnang-deploy.json.camnang-tmp"),
    )
    .expect("the manifest as its copy");
    s.write(
        "content/cu-tru/thu-tuc-01.md",
        &procedure("Thủ tục số 1, đã sửa", "tt01"),
    );
    build(&s);
    let run = host.deploy(&s, &[]);
    ok(&run);
    let told = format!("{}{}", run.stdout, run.stderr);
    assert!(
        told.contains("its new copy (..camnang-deploy.json.camnang-tmp) is used")
            && !told.contains("E136"),
        "{told}"
    );
    assert!(uploaded(&run) < built(&s).len(), "{told}");
    assert!(host.has(".camnang-deploy.json"));
    same_as_build(host, &s);
    // and the deploy after that one finds nothing to do
    let again = host.deploy(&s, &[]);
    ok(&again);
    assert!(
        again.stdout.contains("nothing to upload"),
        "{}",
        again.stdout
    );
    // a manifest cut short while written over in place (a server that
    // cannot rename at all), its whole copy beside it: the copy is read
    let manifest = dir.join(".camnang-deploy.json");
    let whole = std::fs::read(&manifest).expect("manifest");
    std::fs::write(dir.join("..camnang-deploy.json.camnang-tmp"), &whole).expect("copy");
    std::fs::write(&manifest, &whole[..whole.len() / 2]).expect("cut");
    s.write(
        "content/cu-tru/thu-tuc-02.md",
        &procedure("Thủ tục số 2, đã sửa", "tt02"),
    );
    build(&s);
    let run = host.deploy(&s, &[]);
    ok(&run);
    let told = format!("{}{}", run.stdout, run.stderr);
    assert!(told.contains("its new copy"), "{told}");
    same_as_build(host, &s);
}

/// A target below a folder the host does not have (a hosting panel's
/// `/home/xa/public_html` pasted for a login that sees its own folder as
/// `/`): nothing is made or uploaded, and E139 says camnang makes only the
/// last folder of the path (the folders were made one by one below the
/// login's own, and the site went where no web server serves it, with
/// exit 0).
fn target_below_a_missing_folder(host: &Host) {
    let s = site(1);
    build(&s);
    let dir = host.dir.clone().expect("a folder");
    let url = format!("{}/home/xa/public_html", host.url.trim_end_matches('/'));
    let run = Run::of(host.command_to(&s, &url, &[]));
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("E139") && run.stderr.contains("makes only the last folder"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("home").exists(), "no folder made");
}

#[test]
fn to_a_folder_below_a_missing_folder() {
    target_below_a_missing_folder(&folder_host());
}

#[test]
fn needs_nginx_webdav_below_a_missing_folder() {
    if let Some(h) = nginx_host(false) {
        target_below_a_missing_folder(&h);
    }
}

#[test]
fn needs_sshd_sftp_below_a_missing_folder() {
    if let Some(h) = sshd_host(false) {
        target_below_a_missing_folder(&h);
    }
}

#[test]
fn needs_vsftpd_ftp_below_a_missing_folder() {
    if let Some(h) = vsftpd_host() {
        target_below_a_missing_folder(&h);
    }
}

#[test]
fn to_a_folder_with_its_manifest_left_as_its_copy() {
    manifest_left_as_its_copy(&folder_host());
}

#[test]
fn needs_vsftpd_ftp_with_its_manifest_left_as_its_copy() {
    if let Some(h) = vsftpd_host() {
        manifest_left_as_its_copy(&h);
    }
}

/// Two deploys to one host at once from this computer, of two versions
/// of the site: the second waits for the first, and the host ends whole
/// with the second's site (at once, each wrote its own manifest and
/// deleted by it: pages and printed codes broken, and later deploys took
/// the host for up to date).
#[test]
fn two_deploys_to_one_host_take_turns() {
    let _working = crate::util::working();
    let host = folder_host();
    let old = site(12);
    build(&old);
    ok(&host.deploy(&old, &[]));
    let new = site(12);
    for i in 1..=12 {
        let text = procedure(&format!("Thủ tục số {i} (mới)"), &format!("tt{i:02}"));
        new.write(&format!("content/cu-tru/thu-tuc-{i:02}.md"), &text);
    }
    build(&new);
    let mut first = host.command(&new, &["--pause-ms", "40"]);
    first.stdout(Stdio::null()).stderr(Stdio::null());
    let mut first = first.spawn().expect("deploy");
    std::thread::sleep(Duration::from_millis(300));
    let still = first.try_wait().ok().flatten().is_none();
    let second = host.deploy(&old, &[]);
    let _ = first.wait();
    ok(&second);
    assert!(still, "the first deploy ended before the second began");
    assert!(
        second.stdout.contains("waiting for it to finish"),
        "{}",
        second.stdout
    );
    // the second ran after the first: the host holds the old site, whole
    same_as_build(&host, &old);
    assert!(broken_links(&host, &printed(&old)).is_empty());
    let again = host.deploy(&old, &[]);
    ok(&again);
    assert!(
        again.stdout.contains("nothing to upload"),
        "{}",
        again.stdout
    );
}

#[test]
fn to_a_folder_killed_part_of_the_way() {
    killed(&folder_host());
}

/// A deploy stopped part of the way (a connection lost on a slow link)
/// after it listed on the host the files it had uploaded so far: the next
/// one uploads only the rest (it uploaded again every file the stopped
/// one was uploading), and the host ends as the build.
fn taken_up(host: &Host) {
    let _working = crate::util::working();
    let s = site(12);
    build(&s);
    ok(&host.deploy(&s, &[]));
    for i in 1..=12 {
        let text = procedure(&format!("Thủ tục số {i} (sửa)"), &format!("tt{i:02}"));
        s.write(&format!("content/cu-tru/thu-tuc-{i:02}.md"), &text);
    }
    build(&s);
    let uploading = || -> Option<usize> {
        let text = host.read(".camnang-deploy.json")?;
        let m: serde_json::Value = serde_json::from_slice(&text).ok()?;
        m.get("uploading")?.as_array().map(Vec::len)
    };
    let mut cmd = host.command(&s, &["--pause-ms", "40", "--checkpoint-ms", "200"]);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let mut child = cmd.spawn().expect("deploy");
    // killed once a list shorter than the first is on the host
    let (mut first, mut listed) = (0, None);
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline && child.try_wait().ok().flatten().is_none() {
        if let Some(n) = uploading().filter(|n| *n > 0) {
            if first == 0 {
                first = n;
            } else if n < first {
                listed = Some(n);
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let left = listed.expect("a list of the files uploaded so far, before the deploy ended");
    let run = host.deploy(&s, &[]);
    ok(&run);
    assert!(
        uploaded(&run) <= left && uploaded(&run) < first,
        "{} uploaded again, {left} were left of {first}",
        uploaded(&run)
    );
    same_as_build(host, &s);
    let again = host.deploy(&s, &[]);
    assert!(
        again.stdout.contains("nothing to upload"),
        "{}",
        again.stdout
    );
}

#[test]
fn to_a_folder_stopped_then_taken_up() {
    taken_up(&folder_host());
}

#[test]
fn needs_vsftpd_ftp_stopped_then_taken_up() {
    if let Some(h) = vsftpd_host() {
        taken_up(&h);
    }
}

#[test]
fn needs_sshd_sftp_with_a_key() {
    if let Some(h) = sshd_host(false) {
        scenario(&h);
    }
}

/// A key locked with a passphrase, as `ssh-keygen` makes one by default:
/// unlocked with the passphrase in CAMNANG_DEPLOY_PASSWORD. Without it, or
/// with a key file that is not there, the key is named, not the host (it
/// was "refused the login (Unable to extract public key…)").
#[test]
fn needs_sshd_sftp_with_a_key_that_has_a_passphrase() {
    let Some(h) = sshd_host(false) else {
        return;
    };
    let www = h.dir.clone().expect("a folder");
    let d = www.parent().expect("the host's folder").to_path_buf();
    let key = d.join("locked_key");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "mat-khau-khoa", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen");
    assert!(made.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).expect("pub");
    let mut keys = std::fs::read_to_string(d.join("authorized_keys")).expect("keys");
    keys.push_str(&public);
    std::fs::write(d.join("authorized_keys"), keys).expect("keys");
    let s = site(1);
    build(&s);
    let key_arg = key.display().to_string();
    let with_key = |k: &str, pass: Option<&str>| {
        let mut cmd = camnang();
        cmd.args(["deploy", "--lang", "en", "--root"])
            .arg(s.root())
            .args(["--to", &h.url, "--identity", k])
            .env_remove("SSH_AUTH_SOCK")
            .env_remove("CAMNANG_DEPLOY_PASSWORD")
            .stdin(std::process::Stdio::null());
        for (k, v) in &h.env {
            cmd.env(k, v);
        }
        if let Some(p) = pass {
            cmd.env("CAMNANG_DEPLOY_PASSWORD", p);
        }
        Run::of(cmd)
    };
    let wrong = with_key(&key_arg, Some("sai-mat-khau"));
    assert_eq!(wrong.code, 1, "{}", wrong.stderr);
    assert!(
        wrong.stderr.contains("E147") && wrong.stderr.contains("locked_key"),
        "{}",
        wrong.stderr
    );
    assert!(!wrong.stderr.contains("sai-mat-khau"), "{}", wrong.stderr);
    // (its .pub beside it or not: "Callback returned error" with it)
    std::fs::remove_file(key.with_extension("pub")).expect("rm pub");
    let wrong = with_key(&key_arg, Some("sai-mat-khau"));
    assert_eq!(wrong.code, 1, "{}", wrong.stderr);
    assert!(wrong.stderr.contains("E147"), "{}", wrong.stderr);
    // none given, and no terminal to ask on: the key is named
    let none = with_key(&key_arg, None);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(
        none.stderr.contains("E147") && none.stderr.contains("passphrase"),
        "{}",
        none.stderr
    );
    let missing = with_key(&format!("{key_arg}-typo"), None);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(missing.stderr.contains("E147"), "{}", missing.stderr);
    let run = with_key(&key_arg, Some("mat-khau-khoa"));
    ok(&run);
    assert!(www.join("index.html").exists());
    assert!(!run.stdout.contains("mat-khau-khoa") && !run.stderr.contains("mat-khau-khoa"));
}

#[test]
fn needs_sshd_sftp_killed_part_of_the_way() {
    if let Some(h) = sshd_host(false) {
        killed(&h);
    }
}

#[test]
fn needs_sshd_sftp_known_by_its_rsa_key_only() {
    // (the host offers its Ed25519 key first: it was E127, "the key
    // changed", where OpenSSH connects)
    if let Some(h) = sshd_host_known(false, true) {
        let s = site(1);
        build(&s);
        let run = h.deploy(&s, &[]);
        ok(&run);
        same_as_build(&h, &s);
    }
}

#[test]
fn needs_sshd_sftp_with_a_password() {
    if let Some(h) = sshd_host(true) {
        scenario(&h);
    }
}

#[test]
fn needs_rclone_sftp_with_a_password() {
    if let Some(h) = rclone_host("sftp") {
        scenario(&h);
        // a wrong password is refused, and never shown
        let s = site(1);
        build(&s);
        let mut cmd = h.command(&s, &[]);
        cmd.env("CAMNANG_DEPLOY_PASSWORD", "Wrong-pa55word");
        let run = Run::of(cmd);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("E125"), "{}", run.stderr);
        assert!(!run.stderr.contains("Wrong-pa55word") && !run.stdout.contains("Wrong-pa55word"));
    }
}

#[test]
fn needs_rclone_webdav() {
    if let Some(h) = rclone_host("webdav") {
        scenario(&h);
    }
}

#[test]
fn needs_rclone_webdav_killed_part_of_the_way() {
    if let Some(h) = rclone_host("webdav") {
        killed(&h);
    }
}

#[test]
fn needs_nginx_webdav() {
    if let Some(h) = nginx_host(false) {
        scenario(&h);
    }
}

#[test]
fn needs_nginx_webdav_killed_part_of_the_way() {
    if let Some(h) = nginx_host(false) {
        killed(&h);
    }
}

#[test]
fn needs_nginx_webdavs_with_a_self_signed_certificate() {
    if let Some(h) = nginx_host(true) {
        untrusted_certificate_is_refused(&h);
        scenario(&h);
    }
}

/// A deploy that stopped (exit 1) with the message `code`, whose text or
/// hint says `word`.
fn refused(run: &Run, code: &str, word: &str) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(code) && run.stderr.contains(word),
        "{}",
        run.stderr
    );
}

/// Without `CAMNANG_CA_FILE`, a host whose certificate no public
/// authority issued is refused before anything changes (`E138`), and
/// told where to name the certificate.
fn untrusted_certificate_is_refused(h: &Host) {
    let s = site(1);
    build(&s);
    let mut cmd = h.command(&s, &[]);
    cmd.env_remove("CAMNANG_CA_FILE");
    refused(&Run::of(cmd), "E138", "CAMNANG_CA_FILE");
    if let Some(dir) = &h.dir {
        let left = std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
        assert_eq!(left, 0, "nothing is written to the host");
    }
}

/// An FTP server that deletes and renames nothing (vsftpd's
/// `cmds_denied`, answering 550 "Permission denied", as ProFTPD's
/// `<Limit DELE RMD RNFR RNTO>` does). A refused delete was told as done
/// and forgotten, the page staying on the host for ever; a refused rename
/// removed the host's list of files and failed.
#[test]
fn needs_vsftpd_that_deletes_and_renames_nothing() {
    let Some(host) = vsftpd_with(false, "cmds_denied=DELE,RMD,RNFR,RNTO\n") else {
        return;
    };
    let s = site(2);
    build(&s);
    // the files go up in their places: no rename needed (once a server
    // is seen to rename nothing, each file goes up once, with no
    // temporary file left beside it: one a connection at most)
    ok(&host.deploy(&s, &[]));
    same_as_build(&host, &s);
    let www = host.dir.clone().expect("a folder");
    let temporary = crate::util::files_below(&www)
        .iter()
        .filter(|f| f.to_string_lossy().ends_with(".camnang-tmp"))
        .count();
    assert!(temporary <= 4, "{temporary} temporary files left");
    let edited =
        procedure("Thủ tục số 1", "tt01").replace("Khai báo nơi ở mới", "Khai báo chỗ ở mới");
    s.write("content/cu-tru/thu-tuc-01.md", &edited);
    build(&s);
    ok(&host.deploy(&s, &[]));
    same_as_build(&host, &s);
    assert!(host.has(".camnang-deploy.json"));
    // a removed procedure's page cannot be deleted: said, and tried again
    // the next time (it is still on the host, and on the host's list)
    retire(&s, 2);
    build(&s);
    for _ in 0..2 {
        let run = host.deploy(&s, &[]);
        assert!(
            run.stderr.contains("W120") && run.stderr.contains("cu-tru/thu-tuc-02/index.html"),
            "{}\n{}",
            run.stdout,
            run.stderr
        );
        assert!(host.has("cu-tru/thu-tuc-02/index.html"));
    }
}

#[test]
fn needs_vsftpd_ftp_with_a_password() {
    if let Some(h) = vsftpd_host() {
        scenario(&h);
    }
}

#[test]
fn needs_vsftpd_ftps_with_a_self_signed_certificate() {
    if let Some(h) = vsftpd_tls_host() {
        untrusted_certificate_is_refused(&h);
        // given ftp://, the server that takes only encrypted logins is
        // named as such, with ftps:// to use (it was "check the password")
        let s = site(1);
        build(&s);
        let cmd = h.command_to(&s, &h.url.replacen("ftps://", "ftp://", 1), &[]);
        refused(&Run::of(cmd), "E140", "ftps://");
        scenario(&h);
    }
}

#[test]
fn needs_vsftpd_ftp_killed_part_of_the_way() {
    if let Some(h) = vsftpd_host() {
        killed(&h);
    }
}

#[test]
fn needs_moto_s3_killed_part_of_the_way() {
    if let Some(h) = s3_host() {
        killed(&h);
    }
}

/// S3 at an `https://` endpoint: the HTTP client of rust-s3 makes its own
/// TLS settings, which stopped every such deploy with a panic (rustls had
/// no process-wide provider). moto over HTTPS with a self-signed
/// certificate, which that client cannot be told to trust: refused with
/// `E138`, whose hint is S3's own, and no panic.
#[test]
fn needs_moto_s3_over_https() {
    if !Needs::default()
        .tool("moto_server", &["--help"])
        .tool("openssl", &["version"])
        .met()
    {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let cert = self_signed(dir.path(), "127.0.0.1");
    let port = free_port();
    let mut cmd = Command::new("moto_server");
    cmd.args(["-H", "127.0.0.1", "-p", &port.to_string(), "-c"])
        .arg(&cert)
        .arg("-k")
        .arg(dir.path().join("127.0.0.1.key"));
    let _server = start(cmd, port);
    let s = site(1);
    build(&s);
    let mut deploy = camnang();
    deploy
        .args(["deploy", "--lang", "en", "--root"])
        .arg(s.root())
        .arg("--to")
        .arg(format!(
            "s3://site/xa?endpoint=https://127.0.0.1:{port}&region=HCM03"
        ))
        .env("AWS_ACCESS_KEY_ID", "camnang")
        .env("AWS_SECRET_ACCESS_KEY", "s3-Secret-key")
        .env("CAMNANG_CA_FILE", &cert);
    let run = Run::of(deploy);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    refused(&run, "E138", "public authority");
}

#[test]
fn needs_moto_s3() {
    if let Some(h) = s3_host() {
        scenario(&h);
        assert!(h.has("foreign.txt"), "a foreign object survives");
        let head = |p: &str| http(h.port, "GET", &format!("/site/xa/{p}"), "").2;
        let page = head("index.html");
        assert!(
            page.contains("content-type: text/html; charset=utf-8"),
            "{page}"
        );
        assert!(
            page.contains("cache-control: public, max-age=300"),
            "{page}"
        );
        let qr = head("q/tt01/qr.svg");
        assert!(qr.contains("content-type: image/svg+xml"), "{qr}");
        assert!(qr.contains("cache-control: public, max-age=86400"), "{qr}");
        // a bucket the endpoint does not have is named as such (it was
        // E124, "could not connect: check the address, the port and the
        // network"), with nothing written
        let s = site(1);
        build(&s);
        let cmd = h.command_to(&s, &h.url.replacen("s3://site/", "s3://nosuch/", 1), &[]);
        refused(&Run::of(cmd), "E141", "`nosuch`");
    }
}

/// A host reached whose list of files cannot be read (here a folder in
/// its place; an SFTP login not allowed to read it, a web server
/// answering 500): the host's error, E142, not "could not connect" with
/// a hint about the network (E124).
#[test]
fn a_host_list_that_cannot_be_read_is_the_hosts_error() {
    let host = folder_host();
    let s = site(1);
    build(&s);
    let www = host.dir.clone().expect("a folder");
    std::fs::create_dir_all(www.join(".camnang-deploy.json")).expect("mkdir");
    let run = host.deploy(&s, &[]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("E142") && !run.stderr.contains("E124"),
        "{}",
        run.stderr
    );
    assert!(!www.join("index.html").exists(), "nothing was uploaded");
}

#[test]
fn the_target_is_checked_before_anything() {
    let s = site(1);
    build(&s);
    let run = |args: &[&str]| {
        let mut c = camnang();
        c.args(["deploy", "--lang", "en", "--root"])
            .arg(s.root())
            .args(args);
        Run::of(c)
    };
    let r = run(&[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("E120"), "{}", r.stderr);
    let r = run(&["--to", "sftp://web:Hunter-22@example.vn/www"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("E122"), "{}", r.stderr);
    assert!(!r.stderr.contains("Hunter-22") && !r.stdout.contains("Hunter-22"));
    // passwords holding what ends a part of an address: refused, never shown
    for (url, secret) in [
        ("sftp://web:Abc/123@example.vn/www", "Abc/123"),
        ("file://web:Pa#55@localhost/tmp/x", "Pa#55"),
        ("ftp://web:a?b@example.vn/", "a?b"),
        // (starting with digits, as a port would: it was printed)
        ("sftp://web:2024/Hoabinh@127.0.0.1:2222/www", "2024/Hoabinh"),
        ("ftp://web:1975#xa@127.0.0.1:2121/www", "1975#xa"),
    ] {
        let r = run(&["--to", url]);
        assert_eq!(r.code, 2, "{url}: {}", r.stderr);
        assert!(r.stderr.contains("E122"), "{}", r.stderr);
        assert!(
            !r.stderr.contains(secret) && !r.stdout.contains(secret),
            "{}",
            r.stderr
        );
    }
    let r = run(&["--to", "gopher://example.vn/"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("E121"), "{}", r.stderr);
    // a dry run makes nothing, not even the folder
    let nowhere = tempfile::tempdir().expect("temp");
    let typo = nowhere.path().join("typo/deep/www");
    let r = run(&["--to", &format!("file://{}", typo.display()), "--dry-run"]);
    ok(&r);
    assert!(!nowhere.path().join("typo").exists());
    // a host manifest naming a path outside the site's folder is refused
    // whole: nothing outside is deleted or written
    let host = tempfile::tempdir().expect("temp");
    let www_dir = host.path().join("www");
    std::fs::create_dir_all(&www_dir).expect("www");
    std::fs::write(host.path().join("victim.txt"), "theirs").expect("victim");
    std::fs::write(
        www_dir.join(".camnang-deploy.json"),
        r#"{"camnang": 1, "files": {"../victim.txt": {"sha256": "00", "size": 1}}, "pending_delete": ["/tmp/elsewhere.txt"]}"#,
    )
    .expect("manifest");
    let r = run(&["--to", &format!("file://{}", www_dir.display()), "--yes"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("E131") && r.stderr.contains("../victim.txt"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(host.path().join("victim.txt")).expect("kept"),
        "theirs"
    );
    assert!(!www_dir.join("index.html").exists());
    // deploy.to in site.yaml, and a built site is needed
    let www = tempfile::tempdir().expect("temp");
    let yaml = format!(
        "{}deploy:\n  to: file://{}\n",
        crate::util::SITE_YAML,
        www.path().display()
    );
    s.write("site.yaml", &yaml);
    let r = run(&[]);
    ok(&r);
    assert!(www.path().join("index.html").exists());
    std::fs::rename(s.path("public"), s.path("built-before")).expect("mv");
    let r = run(&[]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("E123"), "{}", r.stderr);
    // --build builds first
    let r = run(&["--build"]);
    ok(&r);
    // a broken site is not deployed
    s.write("content/cu-tru/hong.md", "---\ntitle: x\n---\n");
    let r = run(&["--build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("E132"), "{}", r.stderr);
    // nor one whose site.yaml has a mistake, even with --to: the host's
    // manifest lost the site's name, and with it the guard against
    // another commune's site
    std::fs::remove_file(s.path("content/cu-tru/hong.md")).expect("rm");
    let r = run(&["--build"]);
    ok(&r);
    s.write("site.yaml", &format!("{yaml}commune_typo: x\n"));
    let before = std::fs::read_to_string(www.path().join(".camnang-deploy.json")).expect("m");
    let to = format!("file://{}", www.path().display());
    let r = run(&["--to", &to]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("E011"), "{}", r.stderr);
    let after = std::fs::read_to_string(www.path().join(".camnang-deploy.json")).expect("m");
    assert_eq!(before, after);
}

/// The SSH host key must be known: an unknown one stops the deploy with
/// its fingerprint.
#[test]
fn needs_rclone_an_unknown_host_key_is_refused() {
    if let Some(h) = rclone_host("sftp") {
        let s = site(1);
        build(&s);
        let mut cmd = h.command(&s, &[]);
        let empty = tempfile::NamedTempFile::new().expect("temp");
        cmd.env("CAMNANG_KNOWN_HOSTS", empty.path());
        let run = Run::of(cmd);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains("E126") && run.stderr.contains("SHA256:"),
            "{}",
            run.stderr
        );
        assert!(
            h.dir
                .as_ref()
                .is_some_and(|d| !d.join("index.html").exists())
        );
    }
}

#[test]
fn needs_pure_ftpd_ftp_with_autorename() {
    if let Some(h) = pure_ftpd_host() {
        scenario(&h);
    }
}

#[test]
fn needs_pure_ftpd_autorename_after_a_stopped_deploy() {
    let Some(h) = pure_ftpd_host() else {
        return;
    };
    // a deploy stopped while it wrote a page left the page's temporary
    // file, and the host's manifest says it was uploading the page
    let s = site(3);
    build(&s);
    ok(&h.deploy(&s, &[]));
    let page = "cu-tru/thu-tuc-01/index.html";
    let www = h.dir.clone().expect("a folder");
    let leftover = www.join("cu-tru/thu-tuc-01/.index.html.camnang-tmp");
    std::fs::write(&leftover, b"<p>half a page").expect("leftover");
    let _ = Command::new("chown").arg(FTP_USER).arg(&leftover).status();
    let manifest = www.join(".camnang-deploy.json");
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).expect("manifest")).expect("json");
    m["files"].as_object_mut().expect("files").remove(page);
    m["uploading"] = serde_json::json!([page]);
    std::fs::write(&manifest, m.to_string()).expect("manifest");
    // the next deploy: with -r, its upload of the temporary name went to
    // `.index.html.camnang-tmp.1` and the rename published the leftover
    ok(&h.deploy(&s, &[]));
    assert_eq!(
        h.read(page),
        std::fs::read(s.path("public").join(page)).ok(),
        "the page as built, not the leftover"
    );
    let left: Vec<String> = crate::util::files_below(&www)
        .iter()
        .map(|p| p.display().to_string())
        .filter(|p| p.contains("camnang-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
