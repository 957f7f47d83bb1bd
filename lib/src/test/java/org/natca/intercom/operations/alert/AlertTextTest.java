package org.natca.intercom.operations.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.natca.intercom.config.ConfigException;

class AlertTextTest {
  final AlertText text = new AlertText(List.of("tok_live_123456", "s3cr3t-pw"));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "member 12345 phone +17654657031 refused|member 12345 phone <phone> refused",
      "phone (765) 465-7031 or 765-465-7031 or 765.465.7031|phone <phone> or <phone> or <phone>",
      "token tok_live_123456 and pw s3cr3t-pw|token *** and pw ***",
      "postgres://u:pw@db:5432/x failed|postgres://***@db:5432/x failed",
      "Authorization: Bearer abc.def|Authorization: Bearer ***",
      "member 12345 <Jane.Doe@Example.org> contact 67eb0a6e8f72a828ba21c342|member 12345 <<email>> contact 67eb0a6e8f72a828ba21c342",
      "at 2026-12-01T08:00:09Z, 18012 members, 170 requests|at 2026-12-01T08:00:09Z, 18012 members, 170 requests"})
  void scrub_removesPhonesEmailsAndSecrets_keepsIdsNumbersAndTimes(String in, String out) {
    assertEquals(out, text.scrub(in));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://hooks.example.org/x", "hooks.slack.com/services/T/B/X", "not a url", "https://"})
  void alertUrl_notHttp_isBadConfiguration_namingTheVariable_notTheValue(String value) {
    ConfigException e = assertThrows(ConfigException.class, () -> AlertConfig.fromEnvironment(Map.of("ALERT_WEBHOOK_URL", value)));
    assertTrue(e.getMessage().startsWith("ALERT_WEBHOOK_URL is not an http(s) URL"), e.getMessage());
    assertTrue(!e.getMessage().contains(value) || value.equals("https://"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://hooks.slack.com/services/T0/B0/XYZ", "http://127.0.0.1:8080/alerts"})
  void alertUrl_http_isAccepted(String value) {
    assertEquals(value, AlertConfig.fromEnvironment(Map.of("ALERT_WEBHOOK_URL", value)).orElseThrow().toString());
  }
}
