package dev.lightbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressRangeTest {
  @Test
  void matchesAddressesAndBlocks() throws Exception {
    assertThat(AddressRange.parse("10.0.0.0/8").contains(InetAddress.getByName("10.200.3.4"))).isTrue();
    assertThat(AddressRange.parse("10.0.0.0/8").contains(InetAddress.getByName("11.0.0.1"))).isFalse();
    assertThat(AddressRange.parse("192.168.1.0/25").contains(InetAddress.getByName("192.168.1.127"))).isTrue();
    assertThat(AddressRange.parse("192.168.1.0/25").contains(InetAddress.getByName("192.168.1.128"))).isFalse();
    assertThat(AddressRange.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.2"))).isFalse();
    assertThat(AddressRange.parse("fd00::/8").contains(InetAddress.getByName("fd12::1"))).isTrue();
    assertThat(AddressRange.parse("::1").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void refusesHostNamesAndBadPrefixes() {
    assertThatThrownBy(() -> AddressRange.parse("proxy.local")).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> ConfigLoader.fromMap(java.util.Map.of("LIGHTBOX_TRUSTED_PROXIES", "10.0.0.0/x")))
        .hasMessageContaining("LIGHTBOX_TRUSTED_PROXIES");
  }
}
