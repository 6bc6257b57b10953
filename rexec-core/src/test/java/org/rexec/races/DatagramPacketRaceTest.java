package org.rexec.races;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;

/**
 * A {@code DatagramPacket} is mutable and shared: the cell's send checks the packet's address,
 * then the JDK reads it again. A second thread of the cell that changes the packet in between
 * sends to a port that is not granted. The receiver on the ungranted port must get nothing.
 *
 * <p>{@code CellDatagramSocket.send} (and {@code NetShim.send} for a channel's socket adaptor)
 * checks only {@code if (packet.getAddress() != null)}; a packet whose address is null at that
 * moment is not checked at all, and the JDK's {@code send} reads the address again, under the
 * packet's monitor, after the flipper has put it back. A race: two senders win in 4 seconds in
 * most runs (5 of 6 tried).
 */
class DatagramPacketRaceTest {

  private static final String SOURCE =
      """
      import java.net.*;
      import java.nio.channels.*;
      public class Race {
        static volatile boolean done;
        public static void main(String[] args) throws Exception {
          int granted = Integer.parseInt(args[0]);
          int secret = Integer.parseInt(args[1]);
          boolean viaNull = args[2].equals("null");
          boolean viaChannel = args[3].equals("channel");
          InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
          byte[] data = "leak".getBytes();
          DatagramPacket packet = new DatagramPacket(data, data.length, loopback, granted);
          packet.setPort(secret);
          Thread flipper = new Thread(() -> {
            int spin = 0;
            while (!done) {
              if (viaNull) {
                // The check is skipped for a packet without address; the send reads it again.
                packet.setAddress(null);
                spin = (spin + 37) % 2000;
                for (int i = 0; i < spin; i++) Thread.onSpinWait();
                packet.setAddress(loopback);
              } else {
                packet.setPort(granted);
                packet.setPort(secret);
              }
            }
          });
          flipper.setDaemon(true);
          flipper.start();
          DatagramSocket socket = viaChannel ? DatagramChannel.open().socket() : new DatagramSocket();
          Runnable sender = () -> {
            long end = System.nanoTime() + 4_000_000_000L;
            while (System.nanoTime() < end) {
              try { socket.send(packet); } catch (Exception e) { }
            }
          };
          Thread second = new Thread(sender);
          second.start();
          sender.run();
          second.join();
          done = true;
        }
      }
      """;

  private static String race(String how, String socket) throws Exception {
    try (DatagramSocket granted = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket secret = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      secret.setSoTimeout(1000);
      Policy policy =
          Policy.builder()
              .allowConnect("127.0.0.1", granted.getLocalPort())
              .timeout(Duration.ofSeconds(20))
              .threads(4)
              .build();
      RunResult result;
      try (Cell cell = Cell.create(policy)) {
        result =
            cell.run(
                cell.loadSource("Race.java", SOURCE),
                Integer.toString(granted.getLocalPort()),
                Integer.toString(secret.getLocalPort()),
                how,
                socket);
      }
      assertThat(result.stderr()).as(result.toString()).isEmpty();
      DatagramPacket arrived = new DatagramPacket(new byte[16], 16);
      try {
        secret.receive(arrived);
        return new String(arrived.getData(), 0, arrived.getLength(), StandardCharsets.UTF_8);
      } catch (SocketTimeoutException nothing) {
        return "<nothing>";
      }
    }
  }

  @Test
  void anAddressClearedDuringTheCheckReachesNoUngrantedPort() throws Exception {
    assertThat(race("null", "cell")).isEqualTo("<nothing>");
  }

  @Test
  void aChannelSocketsPacketChangedBetweenCheckAndSendReachesNoUngrantedPort() throws Exception {
    assertThat(race("null", "channel")).isEqualTo("<nothing>");
  }
}
