/** The designer's graph rules: ports, connection rules, layout and clipboard, free of React. */
export * from './flowDocument';
export * from './ports';
export * from './rules';
export * from './layout';
export * from './clipboard';
