package org.idminter.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void urlPasswordsAreMaskedInEveryFormWithoutRegistration() {
    assertThat(Secrets.redactUrl("jdbc:mysql://h/db?user=u&password=s3cret&x=1"))
        .isEqualTo("jdbc:mysql://h/db?user=u&password=***&x=1");
    assertThat(Secrets.redactUrl("jdbc:mysql://u:s3cret@h/db"))
        .isEqualTo("jdbc:mysql://u:***@h/db");
    assertThat(Secrets.redactUrl("jdbc:h2:./x;USER=sa;PASSWORD=s3cret;MODE=MySQL"))
        .isEqualTo("jdbc:h2:./x;USER=sa;PASSWORD=***;MODE=MySQL");
    assertThat(Secrets.redactUrl("http://elastic:p@ss/w@127.0.0.1:9200"))
        .isEqualTo("http://elastic:***@127.0.0.1:9200");
  }

  @Test
  void aRegisteredUrlPasswordIsMaskedWhereADriverMisquotesIt() {
    Secrets.registerUrl("jdbc:mariadb://user:Misread42@127.0.0.1:3306/db");
    assertThat(Secrets.redact("Incorrect port value : Misread42@127.0.0.1"))
        .isEqualTo("Incorrect port value : ***@127.0.0.1");
  }

  @Test
  void registeredSecretsAndTheirDecodedFormsAreMaskedAnywhere() {
    Secrets.register("p%40ssWord");
    assertThat(Secrets.redact("denied (p%40ssWord, p@ssWord)")).isEqualTo("denied (***, ***)");
    Secrets.register("ab"); // too short to mask on its own: it would garble every message
    assertThat(Secrets.redact("about abc")).isEqualTo("about abc");
    Secrets.register(null);
    Secrets.register(" ");
    assertThat(Secrets.redact(null)).isEmpty();
  }
}
