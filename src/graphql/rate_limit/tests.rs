//! Unit tests of the rate limiter: aliases and fragments count, one bucket per client (an
//! IPv6 client by its /64) and per field, only the operation that runs is charged, the refused
//! response.

use super::*;

fn limiter(login_per_minute: u32) -> RateLimiter {
    RateLimiter::new(RateLimits {
        login_per_minute,
        signup_per_hour: 2,
        refresh_per_minute: 60,
    })
}

fn doc(query: &str) -> ExecutableDocument {
    async_graphql::parser::parse_query(query).unwrap()
}

fn ip(s: &str) -> Option<IpAddr> {
    Some(s.parse().unwrap())
}

const LOGIN: &str = r#"mutation { login(input: {email: "a@b.c", password: "x"}) { accessToken } }"#;

fn aliased_logins(count: usize) -> String {
    let fields: Vec<String> = (0..count)
        .map(|i| {
            format!(r#"a{i}: login(input: {{email: "a@b.c", password: "x"}}) {{ accessToken }}"#)
        })
        .collect();
    format!("mutation {{ {} }}", fields.join(" "))
}

#[tokio::test]
async fn a_hundred_aliased_logins_count_as_a_hundred() {
    let limiter = limiter(100);
    let document = doc(&aliased_logins(100));
    assert_eq!(
        limiter.admit(&document, None, ip("192.0.2.1")).await,
        Ok(())
    );
    let one = doc(LOGIN);
    assert!(limiter.admit(&one, None, ip("192.0.2.1")).await.is_err());
}

#[tokio::test]
async fn more_aliased_logins_than_the_limit_are_refused_even_from_a_fresh_ip() {
    let limiter = limiter(10);
    let refused = limiter
        .admit(&doc(&aliased_logins(100)), None, ip("192.0.2.1"))
        .await;
    assert_eq!(
        refused,
        Err(Refusal::Limited(RateLimited {
            retry_after_secs: 60
        }))
    );
}

#[tokio::test]
async fn fragments_spread_at_the_root_count_each_time_but_nested_fields_do_not() {
    let limiter = limiter(3);
    let query = r#"mutation { ...F ...F ... on Mutation { ...F } }
        fragment F on Mutation { login(input: {email: "a@b.c", password: "x"}) { user { login } } }"#;
    assert_eq!(
        limiter.admit(&doc(query), None, ip("192.0.2.1")).await,
        Ok(())
    );
    assert!(
        limiter
            .admit(&doc(LOGIN), None, ip("192.0.2.1"))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn the_limit_is_per_client_and_an_ipv6_client_is_its_64() {
    let limiter = limiter(1);
    let one = doc(LOGIN);
    assert_eq!(
        limiter.admit(&one, None, ip("2001:db8:0:1::1")).await,
        Ok(())
    );
    assert!(
        limiter
            .admit(&one, None, ip("2001:db8:0:1::ffff"))
            .await
            .is_err()
    );
    assert_eq!(
        limiter.admit(&one, None, ip("2001:db8:0:2::1")).await,
        Ok(())
    );
    assert_eq!(limiter.admit(&one, None, ip("192.0.2.1")).await, Ok(()));
    assert!(
        limiter
            .admit(&one, None, ip("::ffff:192.0.2.1"))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn only_the_operation_that_runs_is_charged() {
    let limiter = limiter(1);
    let two = doc(
        r#"mutation In { login(input: {email: "a", password: "b"}) { accessToken } }
        mutation Up { signup(input: {username: "u", email: "a", password: "b"}) { accessToken } }
        query Me { me { id } }"#,
    );
    let client = ip("192.0.2.1");
    assert_eq!(limiter.admit(&two, Some("Me"), client).await, Ok(()));
    assert_eq!(
        limiter.admit(&two, None, client).await,
        Ok(()),
        "nothing runs"
    );
    assert_eq!(limiter.admit(&two, Some("Nope"), client).await, Ok(()));
    assert_eq!(limiter.admit(&two, Some("In"), client).await, Ok(()));
    assert!(limiter.admit(&two, Some("In"), client).await.is_err());
    assert_eq!(limiter.admit(&two, Some("Up"), client).await, Ok(()));
}

#[tokio::test]
async fn each_field_has_its_own_bucket_and_refresh_is_limited_by_name() {
    let limiter = limiter(1);
    let client = ip("192.0.2.1");
    assert_eq!(limiter.admit(&doc(LOGIN), None, client).await, Ok(()));
    let signup = doc("mutation { signup(input: {}) { accessToken } }");
    assert_eq!(limiter.admit(&signup, None, client).await, Ok(()));
    assert_eq!(limiter.admit(&signup, None, client).await, Ok(()));
    let refused = limiter.admit(&signup, None, client).await;
    assert_eq!(
        refused,
        Err(Refusal::Limited(RateLimited {
            retry_after_secs: 1800
        }))
    );
    let refreshes = doc("mutation { a: refreshSession { accessToken } b: refreshSession { x } }");
    for _ in 0..30 {
        assert_eq!(limiter.admit(&refreshes, None, client).await, Ok(()));
    }
    assert!(limiter.admit(&refreshes, None, client).await.is_err());
}

#[tokio::test]
async fn queries_and_other_mutations_are_never_charged() {
    let limiter = limiter(1);
    let client = ip("192.0.2.1");
    for _ in 0..5 {
        let query = doc("{ login: me { id } }");
        assert_eq!(limiter.admit(&query, None, client).await, Ok(()));
        let other = doc("mutation { deleteAccount(id: \"x\") }");
        assert_eq!(limiter.admit(&other, None, client).await, Ok(()));
    }
}

#[tokio::test]
async fn a_zero_limit_is_off() {
    let limiter = RateLimiter::off();
    for _ in 0..100 {
        assert_eq!(
            limiter.admit(&doc(LOGIN), None, ip("192.0.2.1")).await,
            Ok(())
        );
    }
}

#[tokio::test]
async fn a_refusal_is_a_rate_limited_error_with_retry_after() {
    let response = RateLimited {
        retry_after_secs: 7,
    }
    .response();
    assert!(refused(&response));
    assert_eq!(response.http_headers[RETRY_AFTER], "7");
    let body = serde_json::to_value(&response.errors[0]).unwrap();
    assert_eq!(body["extensions"]["code"], code::RATE_LIMITED);
    assert_eq!(body["extensions"]["retryAfter"], 7);
    assert!(!refused(&Response::from_errors(vec![ServerError::new(
        "x", None
    )])));
}

#[tokio::test]
async fn waits_are_whole_seconds_rounded_up() {
    assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
    assert_eq!(whole_seconds(Duration::from_millis(6000)), 6);
    assert_eq!(whole_seconds(Duration::from_millis(6001)), 7);
    assert_eq!(whole_seconds(Duration::ZERO), 1);
}
