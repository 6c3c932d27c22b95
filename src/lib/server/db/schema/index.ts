export * from './accounts';
export * from './network';
export * from './territories';
export * from './organisations';
export * from './people';
export * from './administration';
export * from './needs';
export * from './channels';
