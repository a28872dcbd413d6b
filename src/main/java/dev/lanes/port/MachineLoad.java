package dev.lanes.port;

/** How busy the machine is, so dispatch holds back extra workers when it is too busy. */
public interface MachineLoad {
  /** CPU use over the last sample interval, 0 to 100. */
  double cpuPercent();

  /** Memory in use (not available to new processes), 0 to 100. */
  double memoryPercent();
}
