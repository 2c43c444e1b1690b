/**
 * jest 环境：把整个工作进程的时区（process.env.TZ）换成 testEnvironmentOptions.timezone，跑完这个测试文件再换回来。
 * 测试文件里改 process.env 只改到沙箱里的副本，Date 看不见；环境类在工作进程本身里运行，改的是真的。
 * 一个工作进程同一时间只跑一个测试文件，所以不会影响别的测试。
 */
const { TestEnvironment } = require('jest-environment-node');

class TimezoneEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.timezone = config.projectConfig.testEnvironmentOptions.timezone;
    if (!this.timezone) throw new Error('testEnvironmentOptions.timezone is required');
  }

  async setup() {
    this.previous = process.env.TZ;
    process.env.TZ = this.timezone;
    this.global.process.env.TZ = this.timezone;
    await super.setup();
  }

  async teardown() {
    if (this.previous === undefined) delete process.env.TZ;
    else process.env.TZ = this.previous;
    await super.teardown();
  }
}

module.exports = TimezoneEnvironment;
