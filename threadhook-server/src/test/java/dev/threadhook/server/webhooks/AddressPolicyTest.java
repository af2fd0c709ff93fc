package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "169.254.169.254, a cloud metadata address",
      "fd00:ec2::254, a cloud metadata address",
      "100.100.100.200, a cloud metadata address",
      "127.0.0.1, a loopback address",
      "127.255.0.9, a loopback address",
      "::1, a loopback address",
      "::ffff:127.0.0.1, a loopback address",
      "0.0.0.0, a 'this network' address",
      "::, the unspecified address",
      "10.1.2.3, a private address",
      "172.16.0.1, a private address",
      "172.31.255.255, a private address",
      "192.168.1.1, a private address",
      "100.64.0.1, a carrier-grade NAT address",
      "100.127.255.254, a carrier-grade NAT address",
      "169.254.10.10, a link-local address",
      "fe80::1, a link-local address",
      "fc00::1, a unique local address",
      "fdff:ffff::1, a unique local address",
      "224.0.0.251, a multicast address",
      "ff02::1, a multicast address",
      "255.255.255.255, a reserved address",
      "192.0.2.10, a documentation address",
      "2001:db8::1, a documentation address",
      "198.18.0.1, a benchmarking address",
      "64:ff9b::a00:1, a NAT64 address",
      "2002:a00:1::1, a 6to4 address",
      "2001:0:4136:e378::1, a Teredo address",
  })
  void refusesAddressesInsideTheServersOwnNetwork(String address, String reason) throws Exception {
    assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).contains(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "93.184.215.14", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "11.0.0.1",
      "2606:4700:4700::1111", "2a00:1450:4007:80f::200e"})
  void allowsPublicAddresses(String address) throws Exception {
    assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).isEmpty();
  }
}
