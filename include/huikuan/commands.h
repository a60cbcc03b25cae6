/*
 * commands.h — one entry point per subcommand; main.c only dispatches.
 * Each returns the process exit status: 0 success, 2 bad input (nothing
 * written), 1 failure while running or writing; calibrate also returns 3
 * when it ran but chose no value (none met the constraints or target).
 */
#ifndef HUIKUAN_COMMANDS_H
#define HUIKUAN_COMMANDS_H

int cmd_run(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_keys(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
